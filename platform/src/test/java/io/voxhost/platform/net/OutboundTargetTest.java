package io.voxhost.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check before a send: a fixed resolver stands in for DNS, so nothing here looks anything up or
 * sends anything.
 */
class OutboundTargetTest {

  private static final Map<String, List<String>> NAMES =
      Map.of(
          "hooks.public.test", List.of("93.184.215.14"),
          "rebind.test", List.of("93.184.215.14", "127.0.0.1"),
          "metadata.test", List.of("169.254.169.254"),
          "six.test", List.of("2606:4700::1111", "fd00::5"));

  /** Literals parse; the names above resolve as given; anything else does not resolve. */
  private static final HostResolver FIXED =
      host -> {
        List<String> given = NAMES.get(host);
        if (given != null) {
          return given.stream().map(OutboundTargetTest::literal).toList();
        }
        if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
          return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
      };

  private static InetAddress literal(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.0.0.1:5432/",
        "http://[::1]:8080/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:7f00:1]/hook",
        "http://[::127.0.0.1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://metadata.test/latest/meta-data/",
        "http://10.0.0.5/hook",
        "http://172.20.1.1/hook",
        "https://192.168.0.10/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1%251]/hook",
        "http://0.0.0.0:8080/",
        "http://[::]/",
        "http://100.64.1.1/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://rebind.test/hook",
        "http://six.test/hook",
        "http://2130706433/",
        "http://0x7f.0.0.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://017700000001/",
        "http://127.0.0.1./"
      })
  void refusesEveryNonPublicTarget(String url) {
    assertThatThrownBy(() -> OutboundTarget.check(url, OutboundPolicy.publicOnly(), FIXED))
        .isInstanceOf(TargetRefused.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://93.184.215.14/",
        "http:///nohost",
        "mailto:someone@example.com",
        "http://nowhere.test/hook",
        "http://93.184.215.14:0/",
        "not a url"
      })
  void refusesWhatIsNotAReachableHttpUrl(String url) {
    assertThatThrownBy(() -> OutboundTarget.check(url, OutboundPolicy.publicOnly(), FIXED))
        .isInstanceOf(TargetRefused.class);
  }

  @Test
  void takesAPublicNameAndConnectsToTheAddressItChecked() throws Exception {
    OutboundTarget t =
        OutboundTarget.check(
            "https://hooks.public.test/in/rec?token=abc", OutboundPolicy.publicOnly(), FIXED);
    assertThat(t.https()).isTrue();
    assertThat(t.host()).isEqualTo("hooks.public.test");
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.requestTarget()).isEqualTo("/in/rec?token=abc");
    assertThat(t.address().getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(t.toString()).doesNotContain("abc");
  }

  @Test
  void namesTheAddressAndItsKindInTheRefusal() {
    assertThatThrownBy(
            () ->
                OutboundTarget.check(
                    "http://metadata.test/x?secret=1", OutboundPolicy.publicOnly(), FIXED))
        .hasMessageContaining("169.254.169.254")
        .hasMessageContaining("link-local")
        .hasMessageNotContaining("secret");
  }

  @Test
  void allowsPrivateTargetsWhenTheOperatorDoesButNeverTheDatabase() throws Exception {
    OutboundPolicy lab =
        new OutboundPolicy(true, List.of(new InetSocketAddress(literal("127.0.0.1"), 5432)));
    assertThat(OutboundTarget.check("http://10.0.0.5/hook", lab, FIXED).address().getHostAddress())
        .isEqualTo("10.0.0.5");
    assertThat(OutboundTarget.check("http://127.0.0.1:8080/", lab, FIXED).port()).isEqualTo(8080);
    for (String db :
        List.of(
            "http://127.0.0.1:5432/",
            "http://127.0.0.2:5432/",
            "http://[::1]:5432/",
            "http://[::ffff:127.0.0.1]:5432/",
            "http://0.0.0.0:5432/")) {
      assertThatThrownBy(() -> OutboundTarget.check(db, lab, FIXED))
          .as(db)
          .hasMessageContaining("database");
    }
    assertThatThrownBy(() -> OutboundTarget.check("http://224.0.0.1/", lab, FIXED))
        .isInstanceOf(TargetRefused.class);
  }

  @Test
  void redactsUserinfoAndQuery() {
    assertThat(OutboundTarget.redacted("https://user:pw@hooks.example.com:8443/in?token=s3cret#f"))
        .isEqualTo("https://hooks.example.com:8443/in?...")
        .doesNotContain("pw")
        .doesNotContain("s3cret");
    assertThat(OutboundTarget.redacted("http://h.example/p")).isEqualTo("http://h.example/p");
    assertThat(OutboundTarget.redacted("::not a url?token=x")).doesNotContain("token");
  }
}
