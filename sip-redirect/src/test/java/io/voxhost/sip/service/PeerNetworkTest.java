package io.voxhost.sip.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR reading for trusted peers: canonical text, membership, and no host names ever. */
class PeerNetworkTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.10, 192.0.2.10/32",
    "192.0.2.7/24, 192.0.2.0/24",
    "0.0.0.0/0, 0.0.0.0/0",
    "10.1.2.3/8, 10.0.0.0/8",
    "2001:DB8::1, 2001:db8::1/128",
    "2001:db8:0:0:0:0:0:1/48, 2001:db8::/48",
    "::1, ::1/128",
    "::ffff:192.0.2.1, 192.0.2.1/32",
    "' 198.51.100.0/24 ', 198.51.100.0/24",
  })
  void readsAddressesAndNetworksIntoCanonicalCidr(String text, String canonical) {
    assertThat(PeerNetwork.parse(text)).hasToString(canonical);
    assertThat(PeerNetwork.parse(canonical)).isEqualTo(PeerNetwork.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "localhost",
        "example.com",
        "cafe",
        "10.0.0",
        "10.0.0.256",
        "10.0.0.0/33",
        "10.0.0.0/",
        "10.0.0.0/-1",
        "10.0.0.0/ 8",
        "10.0.0.0/8/8",
        "10.0.0.0/0008",
        "2001:db8::/129",
        "2001:db8:::1",
        "fe80::1%eth0",
        "[::1]",
        "1.2.3.4 5.6.7.8"
      })
  void refusesWhatIsNoCidrNamingTheProblem(String text) {
    PeerNetwork.Parsed parsed = PeerNetwork.parseOrProblem(text);
    assertThat(parsed.network()).isEmpty();
    assertThat(parsed.problem()).isNotBlank();
    assertThatThrownBy(() -> PeerNetwork.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(parsed.problem());
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, 192.0.2.200, true",
    "192.0.2.0/24, 192.0.3.1, false",
    "127.0.0.5/32, 127.0.0.5, true",
    "127.0.0.5/32, 127.0.0.6, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, ::1, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "192.0.2.0/24, ::ffff:192.0.2.9, true",
  })
  void containsTheAddressesOfItsPrefix(String network, String address, boolean inside)
      throws Exception {
    InetAddress a = InetAddress.getByAddress(PeerNetwork.parse(address).network());
    assertThat(PeerNetwork.parse(network).contains(a)).isEqualTo(inside);
  }
}
