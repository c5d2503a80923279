package io.voxhost.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address forms, IPv4 and IPv6 and the IPv6 forms that carry IPv4; literals only, no traffic. */
class AddressKindTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "::1, LOOPBACK",
    "0:0:0:0:0:0:0:1, LOOPBACK",
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:7f00:1, LOOPBACK",
    "::127.0.0.1, LOOPBACK",
    "::ffff:0:127.0.0.1, LOOPBACK",
    "64:ff9b::127.0.0.1, LOOPBACK",
    "2002:7f00:1::, LOOPBACK",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "::, UNSPECIFIED",
    "::ffff:0.0.0.0, UNSPECIFIED",
    "10.0.0.1, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "::ffff:10.1.2.3, PRIVATE",
    "::ffff:192.168.0.1, PRIVATE",
    "::192.168.0.1, PRIVATE",
    "64:ff9b:1::1, PRIVATE",
    "fec0::1, PRIVATE",
    "fc00::1, UNIQUE_LOCAL",
    "fd12:3456:789a::1, UNIQUE_LOCAL",
    "100.64.0.1, SHARED",
    "100.127.255.255, SHARED",
    "::ffff:100.100.100.100, SHARED",
    "169.254.169.254, LINK_LOCAL",
    "169.254.0.1, LINK_LOCAL",
    "::ffff:169.254.169.254, LINK_LOCAL",
    "64:ff9b::169.254.169.254, LINK_LOCAL",
    "2002:a9fe:a9fe::1, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "febf::1, LINK_LOCAL",
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "255.255.255.255, MULTICAST",
    "ff02::1, MULTICAST",
    "ff05::1:3, MULTICAST",
    "240.0.0.1, RESERVED",
    "192.0.2.1, RESERVED",
    "198.51.100.7, RESERVED",
    "203.0.113.9, RESERVED",
    "198.18.0.1, RESERVED",
    "192.0.0.8, RESERVED",
    "2001:db8::1, RESERVED",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
    "100::1, RESERVED",
    "4000::1, RESERVED",
    "8.8.8.8, PUBLIC",
    "93.184.215.14, PUBLIC",
    "172.32.0.1, PUBLIC",
    "172.15.255.255, PUBLIC",
    "100.128.0.1, PUBLIC",
    "169.253.1.1, PUBLIC",
    "::ffff:8.8.8.8, PUBLIC",
    "64:ff9b::8.8.8.8, PUBLIC",
    "2002:808:808::1, PUBLIC",
    "2606:4700::1111, PUBLIC",
    "2a00:1450:4001::200e, PUBLIC"
  })
  void classifiesEveryForm(String literal, AddressKind kind) throws UnknownHostException {
    // Literals are parsed, never looked up.
    assertThat(AddressKind.of(InetAddress.getByName(literal))).isEqualTo(kind);
  }

  @ParameterizedTest(name = "raw bytes of {0} keep their IPv6 form and are still judged")
  @CsvSource({"127.0.0.1, LOOPBACK", "169.254.169.254, LINK_LOCAL", "8.8.4.4, PUBLIC"})
  void judgesMappedAddressesTheJdkKeepsAsIpv6(String v4, AddressKind kind) throws Exception {
    byte[] four = InetAddress.getByName(v4).getAddress();
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(four, 0, mapped, 12, 4);
    InetAddress six = java.net.Inet6Address.getByAddress(null, mapped, -1);
    assertThat(six.getAddress()).hasSize(16);
    assertThat(AddressKind.of(six)).isEqualTo(kind);
  }
}
