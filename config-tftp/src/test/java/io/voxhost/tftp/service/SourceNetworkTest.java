package io.voxhost.tftp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A site's CIDRs: what is one, and which sources fall inside. */
class SourceNetworkTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, 192.0.2.0, true",
    "192.0.2.0/24, 192.0.2.255, true",
    "192.0.2.0/24, 192.0.3.0, false",
    "127.0.2.8/29, 127.0.2.15, true",
    "127.0.2.8/29, 127.0.2.16, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "203.0.113.9/32, 203.0.113.9, true",
    "203.0.113.9, 203.0.113.10, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "192.0.2.0/24, ::ffff:c000:201, true",
    "192.0.2.0/24, 2001:db8::1, false"
  })
  void containsTheSourcesOfItsPrefix(String cidr, String source, boolean inside) throws Exception {
    SourceNetwork network = SourceNetwork.parse(cidr).orElseThrow();
    assertThat(network.contains(InetAddress.getByName(source))).isEqualTo(inside);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/24",
        "192.0.2.1/24",
        "192.0.2.0/33",
        "192.0.2.0/-1",
        "192.0.2.0/x",
        "example.com/24",
        "localhost",
        "2001:db8::1/32",
        "10.0.0.0/8/8"
      })
  void refusesWhatIsNotACidr(String text) {
    assertThat(SourceNetwork.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"192.0.2.0/24, 192.0.2.0/24", "2001:DB8:0::/32, 2001:db8:0:0:0:0:0:0/32"})
  void printsItsCanonicalForm(String text, String canonical) {
    assertThat(SourceNetwork.parse(text).orElseThrow()).hasToString(canonical);
  }
}
