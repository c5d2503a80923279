package io.voxhost.tftp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MAC notations, the vendors' file names, and the namespace rule for requested names. */
class NamesTest {

  @Test
  void readsMacAddressesInEveryCommonNotation() {
    for (String text :
        new String[] {"0004F2AABBCC", "00:04:f2:aa:bb:cc", "00-04-F2-AA-BB-CC", "0004.f2aa.bbcc"}) {
      assertThat(MacAddress.parse(text)).as(text).contains(new MacAddress("0004f2aabbcc"));
    }
    for (String text : new String[] {"0004F2AABB", "00:04:f2:aa:bb:cg", "00:04-f2:aa:bb:cc", ""}) {
      assertThat(MacAddress.parse(text)).as(text).isEmpty();
    }
    assertThat(new MacAddress("0004f2aabbcc").colons()).isEqualTo("00:04:f2:aa:bb:cc");
  }

  private static Optional<VendorFileNames.Match> match(String name) {
    return VendorFileNames.match(new FileName(name));
  }

  @Test
  void knowsEachVendorsNamesInEitherCase() {
    MacAddress mac = new MacAddress("0004f2aabbcc");
    assertThat(match("SEP0004F2AABBCC.cnf.xml"))
        .contains(new VendorFileNames.Match(ConfigFile.CISCO_DEVICE, mac));
    assertThat(match("sep0004f2aabbcc.cnf.xml")).map(VendorFileNames.Match::mac).contains(mac);
    assertThat(match("0004f2aabbcc-phone.cfg").get().file()).isEqualTo(ConfigFile.POLYCOM_PHONE);
    assertThat(match("0004F2AABBCC.cfg").get().forVendor(Vendor.POLYCOM))
        .contains(ConfigFile.POLYCOM_MASTER);
    assertThat(match("0004f2aabbcc.cfg").get().forVendor(Vendor.YEALINK))
        .contains(ConfigFile.YEALINK_DEVICE);
    assertThat(match("0004f2aabbcc.cfg").get().forVendor(Vendor.CISCO)).isEmpty();
    assertThat(match("0004f2aabbcc.boot").get().file()).isEqualTo(ConfigFile.YEALINK_BOOT);
    assertThat(match("cfg0004f2aabbcc.xml").get().file()).isEqualTo(ConfigFile.GRANDSTREAM_DEVICE);
    assertThat(match("snomD785-0004F2AABBCC.htm").get().file()).isEqualTo(ConfigFile.SNOM_DEVICE);
    assertThat(match("000000000000.cfg").get().file()).isEqualTo(ConfigFile.POLYCOM_DEFAULT_MASTER);
    assertThat(match("y000000000028.cfg").get().file()).isEqualTo(ConfigFile.YEALINK_COMMON);
    assertThat(match("firmware.bin")).isEmpty();
    assertThat(match("SEP0004F2AABBC.cnf.xml")).isEmpty();
  }

  @Test
  void refusesNamesThatCouldLeaveTheNamespace() {
    assertThat(FileName.refusal("tones/ring1.wav")).isEmpty();
    assertThat(FileName.refusal("SEP0004F2AABBCC.cnf.xml")).isEmpty();
    for (String bad :
        new String[] {
          "../x",
          "a/../../x",
          "/etc/passwd",
          "a\\b",
          "%2e%2e/x",
          "a//b",
          "a/",
          ".ssh/id",
          "a\u0000b",
          "a\nb",
          "caf\u00e9",
          "x".repeat(256),
          "",
          "C:stuff"
        }) {
      assertThat(FileName.refusal(bad)).as(bad).isPresent();
    }
  }
}
