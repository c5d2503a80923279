package io.voxhost.tftp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MAC a vendor's certificate names, in each vendor's form, and only from the vendor's CA. */
class VendorCertificatesTest {

  @TempDir static Path dir;
  static TestPki pki;
  static VendorCertificates vendors;

  @BeforeAll
  static void makeCa() throws Exception {
    pki = new TestPki(dir.resolve("pki"));
    vendors = new VendorCertificates(Optional.of(pki.caPem()));
  }

  /** What a certificate for {@code subject} names (the chain is tested on its own below). */
  private static Set<MacAddress> macs(String name, String subject) throws Exception {
    return VendorCertificates.named(
        (X509Certificate) TestPki.chain(pki.selfSigned(name, subject))[0]);
  }

  private static MacAddress mac(String text) {
    return MacAddress.parse(text).orElseThrow();
  }

  @Test
  void readsTheMacInEachVendorsForm() throws Exception {
    // Cisco enterprise MIC
    assertThat(macs("cisco", "CN=SEP001122AABBCC")).containsExactly(mac("001122aabbcc"));
    assertThat(macs("cisco-model", "CN=CP-8841-SEP001122AABBCD, O=Cisco Systems Inc."))
        .containsExactly(mac("001122aabbcd"));
    // Cisco multiplatform: the MAC in ST, the serial number (which looks like one) in L
    assertThat(macs("cisco-mpp", "OU=CP-8841-3PCC, L=88012BA01234, ST=000e08abcdef"))
        .containsExactly(mac("000e08abcdef"));
    // Polycom, Yealink, Grandstream, Snom: the MAC as the common name, in any notation
    assertThat(macs("polycom", "CN=0004f2aabbcc, O=Polycom Inc."))
        .containsExactly(mac("0004f2aabbcc"));
    assertThat(macs("yealink", "CN=80:5e:c0:aa:bb:cc")).containsExactly(mac("805ec0aabbcc"));
    assertThat(macs("grandstream", "CN=00-0B-82-AA-BB-CC")).containsExactly(mac("000b82aabbcc"));
  }

  @Test
  void readsNothingThatIsNotAMacToken() throws Exception {
    assertThat(macs("long", "CN=0004f2aabbccdd")).isEmpty();
    assertThat(macs("serial-only", "CN=phone, L=88012BA01234")).isEmpty();
  }

  @Test
  void aChainToTheVendorCaNamesItsMac() throws Exception {
    assertThat(vendors.macsOf(pki.signed("signed", "CN=0004f2aabbcd")))
        .containsExactly(mac("0004f2aabbcd"));
  }

  @Test
  void aCertificateNotFromAVendorCaNamesNothing() throws Exception {
    Path rogue = pki.selfSigned("rogue", "CN=0004f2aabbce");
    assertThat(vendors.macsOf(TestPki.chain(rogue))).isEmpty();
    // Read alone, its subject would name the MAC: it is the chain that fails.
    assertThat(VendorCertificates.named((X509Certificate) TestPki.chain(rogue)[0]))
        .containsExactly(mac("0004f2aabbce"));
  }

  @Test
  void withoutVendorCasNoCertificateCounts() throws Exception {
    VendorCertificates none = new VendorCertificates(Optional.empty());
    assertThat(none.configured()).isFalse();
    assertThat(none.macsOf(pki.signed("unchecked", "CN=0004f2aabbcf"))).isEmpty();
  }
}
