package io.voxhost.recording.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceNetworkTest {

  @Test
  void anAddressIsANetworkOfOne() throws Exception {
    SourceNetwork one = SourceNetwork.parse("192.0.2.10");
    assertThat(one.prefixLength()).isEqualTo(32);
    assertThat(one.contains(InetAddress.getByName("192.0.2.10"))).isTrue();
    assertThat(one.contains(InetAddress.getByName("192.0.2.11"))).isFalse();
    assertThat(one).hasToString("192.0.2.10");
  }

  @Test
  void aNetworkTakesItsPrefixOnly() throws Exception {
    SourceNetwork net = SourceNetwork.parse("192.0.2.77/27");
    assertThat(net).hasToString("192.0.2.64/27");
    assertThat(net.contains(InetAddress.getByName("192.0.2.64"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("192.0.2.95"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("192.0.2.96"))).isFalse();
    assertThat(net.contains(InetAddress.getByName("192.0.2.63"))).isFalse();
    assertThat(net.contains(InetAddress.getByName("::ffff:c000:0241"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
  }

  @Test
  void ipv6NetworksWork() throws Exception {
    SourceNetwork net = SourceNetwork.parse("2001:db8:ab00::/40");
    assertThat(net.contains(InetAddress.getByName("2001:db8:abff::1"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("2001:db8:ac00::1"))).isFalse();
    assertThat(net.contains(InetAddress.getByName("192.0.2.1"))).isFalse();
    assertThat(SourceNetwork.parse("::/0").contains(InetAddress.getByName("::1"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "voxhost.example",
        "1.2.3",
        "1.2.3.4/33",
        "1.2.3.4/",
        "1.2.3.4/+8",
        "1.2.3.4/0008",
        "::1/129",
        "fe80::1%eth0",
        "1.2.3.4 ",
        "",
      })
  void onlyLiteralsAreRead(String text) {
    assertThatThrownBy(() -> SourceNetwork.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
