package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A phone's REGISTER reads back, through a real SIP parser, as the request it means. */
class RegisterTest {

  @Test
  void aRegisterParsesAsOne() throws Exception {
    Register r =
        new Register(
            "phone7",
            "fleet.example.net",
            "025648000007-1",
            "127.0.1.1",
            40000,
            "abc@127.0.1.1",
            "tag1",
            2,
            "z9hG4bKbranch",
            3600,
            "Yealink SIP-T46U 66.86.0.15 02:56:48:00:00:07",
            Optional.of(
                "Digest username=\"phone7\", realm=\"r\", nonce=\"n\", uri=\"sip:r\","
                    + " response=\"x\""));
    SIPRequest parsed =
        (SIPRequest)
            new StringMsgParser()
                .parseSIPMessage(r.text().getBytes(StandardCharsets.UTF_8), true, true, null);
    assertThat(parsed.getMethod()).isEqualTo("REGISTER");
    assertThat(parsed.getRequestURI().toString()).isEqualTo("sip:fleet.example.net");
    assertThat(parsed.getTopmostVia().getBranch()).isEqualTo("z9hG4bKbranch");
    assertThat(parsed.getCSeq().getSeqNumber()).isEqualTo(2);
    assertThat(parsed.getExpires().getExpires()).isEqualTo(3600);
    assertThat(parsed.getContactHeader().getAddress().toString())
        .isEqualTo("<sip:025648000007-1@127.0.1.1:40000>");
    assertThat(parsed.getHeader("Authorization")).isNotNull();
  }

  @Test
  void overTlsTheViaAndTheContactSayTls() throws Exception {
    Register r =
        new Register(
            "phone8",
            "fleet.example.net",
            "phone8",
            "127.0.0.2",
            41000,
            "def@127.0.0.2",
            "tag2",
            1,
            "z9hG4bKtls",
            600,
            "voxhost-phones tls",
            Optional.empty());
    SIPRequest parsed =
        (SIPRequest)
            new StringMsgParser()
                .parseSIPMessage(r.text("TLS").getBytes(StandardCharsets.UTF_8), true, true, null);
    assertThat(parsed.getTopmostVia().getTransport()).isEqualTo("TLS");
    assertThat(parsed.getContactHeader().getAddress().toString())
        .isEqualTo("<sip:phone8@127.0.0.2:41000;transport=tls>");
    assertThat(r.text()).contains("Via: SIP/2.0/UDP 127.0.0.2:41000;");
  }
}
