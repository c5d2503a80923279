package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Digest answers against RFC 7616's worked example (section 3.9.1), and challenges as sent. */
class DigestAnswerTest {

  private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  private static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

  private static DigestChallenge rfc7616(String algorithm) {
    return DigestChallenge.parse(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm="
                + algorithm
                + ", nonce=\""
                + NONCE
                + "\", opaque=\""
                + OPAQUE
                + "\"")
        .orElseThrow();
  }

  @Test
  void theRfcsSha256AndMd5ResponsesAreComputed() {
    String sha =
        DigestAnswer.authorization(
            rfc7616("SHA-256"), "Mufasa", "Circle of Life", "GET", "/dir/index.html", CNONCE, 1);
    assertThat(sha)
        .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
        .contains("qop=auth, nc=00000001")
        .contains("opaque=\"" + OPAQUE + "\"");
    String md5 =
        DigestAnswer.authorization(
            rfc7616("MD5"), "Mufasa", "Circle of Life", "GET", "/dir/index.html", CNONCE, 1);
    assertThat(md5).contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"");
  }

  @Test
  void challengesAreReadAsRegistrarsWriteThem() {
    DigestChallenge c =
        DigestChallenge.parse(
                "Digest realm=\"fleet.example.net\",nonce=\"a,b\\\"c\",algorithm=SHA-256,qop=\"auth\"")
            .orElseThrow();
    assertThat(c.realm()).isEqualTo("fleet.example.net");
    assertThat(c.nonce()).isEqualTo("a,b\"c");
    assertThat(c.qop()).contains("auth");
    assertThat(c.opaque()).isEmpty();
    // No algorithm is MD5 (RFC 3261); no qop is the RFC 2069 answer.
    DigestChallenge old = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\"").orElseThrow();
    assertThat(old.algorithm()).isEqualTo("MD5");
    assertThat(DigestAnswer.authorization(old, "u", "p", "REGISTER", "sip:r", "c", 1))
        .doesNotContain("qop");
    assertThat(DigestChallenge.parse("Basic realm=\"r\"")).isEmpty();
    assertThat(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512"))
        .isEmpty();
    assertThat(DigestChallenge.parse("Digest nonce=\"n\"")).isEqualTo(Optional.empty());
  }
}
