package io.voxhost.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDRs as tenants name their sources: canonical text, membership, and never a host name. */
class IpNetworkTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.10, 192.0.2.10/32, 192.0.2.10",
    "192.0.2.7/24, 192.0.2.0/24, 192.0.2.0/24",
    "192.0.2.77/27, 192.0.2.64/27, 192.0.2.64/27",
    "0.0.0.0/0, 0.0.0.0/0, 0.0.0.0/0",
    "10.1.2.3/8, 10.0.0.0/8, 10.0.0.0/8",
    "2001:DB8::1, 2001:db8::1/128, 2001:db8::1",
    "2001:db8:0:0:0:0:0:1/48, 2001:db8::/48, 2001:db8::/48",
    "::1, ::1/128, ::1",
    "::ffff:192.0.2.1, 192.0.2.1/32, 192.0.2.1",
    "' 198.51.100.0/24 ', 198.51.100.0/24, 198.51.100.0/24",
  })
  void readsAddressesAndNetworksIntoCanonicalCidr(String text, String canonical, String literal) {
    IpNetwork network = IpNetwork.parse(text);
    assertThat(network).hasToString(canonical);
    assertThat(network.literal()).isEqualTo(literal);
    assertThat(IpNetwork.parse(canonical)).isEqualTo(network);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "/24",
        "localhost",
        "example.com",
        "example.com/24",
        "cafe",
        "beef/16",
        "10.0.0",
        "10.0.0.256",
        "10.0.0.0/33",
        "10.0.0.0/",
        "10.0.0.0/-1",
        "10.0.0.0/+8",
        "10.0.0.0/x",
        "10.0.0.0/ 8",
        "10.0.0.0/8/8",
        "10.0.0.0/0008",
        "2001:db8::/129",
        "2001:db8:::1",
        "fe80::1%eth0",
        "[::1]",
        "1.2.3.4 5.6.7.8"
      })
  void refusesWhatIsNoCidrSayingWhy(String text) {
    assertThatThrownBy(() -> IpNetwork.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1/24", "2001:db8::1/32", "10.1.2.3/8"})
  void anExactReadingRefusesBitsPastThePrefix(String text) {
    assertThatThrownBy(() -> IpNetwork.parseExact(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the network is " + IpNetwork.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, 192.0.2.0/24",
    "2001:DB8:0::/32, 2001:db8::/32",
    "192.0.2.9, 192.0.2.9/32"
  })
  void anExactReadingTakesACleanCidr(String text, String canonical) {
    assertThat(IpNetwork.parseExact(text)).hasToString(canonical);
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, 192.0.2.0, true",
    "192.0.2.0/24, 192.0.2.255, true",
    "192.0.2.0/24, 192.0.3.1, false",
    "192.0.2.64/27, 192.0.2.95, true",
    "192.0.2.64/27, 192.0.2.96, false",
    "192.0.2.64/27, 192.0.2.63, false",
    "127.0.0.5/32, 127.0.0.5, true",
    "127.0.0.5/32, 127.0.0.6, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, ::1, false",
    "::/0, ::1, true",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "2001:db8:ab00::/40, 2001:db8:abff::1, true",
    "192.0.2.0/24, ::ffff:192.0.2.9, true",
    "192.0.2.0/24, 2001:db8::1, false",
  })
  void containsTheAddressesOfItsPrefix(String network, String address, boolean inside)
      throws Exception {
    InetAddress a = InetAddress.getByAddress(IpNetwork.parse(address).address());
    assertThat(IpNetwork.parse(network).contains(a)).isEqualTo(inside);
    assertThat(IpNetwork.parse(network).contains(InetAddress.getByName(address))).isEqualTo(inside);
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.9, 192.0.2.9/32",
    "2001:db8:1:2::9, 2001:db8:1:2::/64",
    "2001:db8:1:2:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
    "::ffff:192.0.2.9, 192.0.2.9/32",
  })
  void aHostIsCountedByItsAddressOrItsIpv6Slash64(String address, String block) throws Exception {
    assertThat(IpNetwork.hostBlock(InetAddress.getByName(address))).hasToString(block);
    assertThat(IpNetwork.parse(address).hostBlock()).hasToString(block);
  }
}
