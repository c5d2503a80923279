package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A call's requests and a callee's answers read back, through a real parser, as they mean. */
class DialogRequestTest {

  private static Object parse(String text) throws Exception {
    return new StringMsgParser()
        .parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, true, null);
  }

  @Test
  void anInviteCarriesItsOfferAndAByeItsDialog() throws Exception {
    DialogRequest invite =
        new DialogRequest(
            "INVITE",
            "sip:phone8@fleet.example.net",
            "127.0.1.1",
            40000,
            "z9hG4bK1",
            "phone7",
            "fleet.example.net",
            "ft",
            "phone8",
            "fleet.example.net",
            Optional.empty(),
            "c@h",
            1,
            "025648000007-1",
            "Yealink SIP-T46U",
            Optional.empty(),
            16384);
    SIPRequest parsed = (SIPRequest) parse(invite.text());
    assertThat(parsed.getMethod()).isEqualTo("INVITE");
    assertThat(parsed.getContentLength().getContentLength())
        .isEqualTo(parsed.getRawContent().length);
    assertThat(new String(parsed.getRawContent(), StandardCharsets.UTF_8))
        .contains("m=audio 16384 RTP/AVP 0 8 101");
    DialogRequest bye =
        new DialogRequest(
            "BYE",
            "sip:025648000008-1@127.0.1.1:40001",
            "127.0.1.1",
            40000,
            "z9hG4bK2",
            "phone7",
            "fleet.example.net",
            "ft",
            "phone8",
            "fleet.example.net",
            Optional.of("tt"),
            "c@h",
            3,
            "025648000007-1",
            "Yealink SIP-T46U",
            Optional.empty(),
            0);
    SIPRequest b = (SIPRequest) parse(bye.text());
    assertThat(b.getTo().getTag()).isEqualTo("tt");
    assertThat(b.getCSeq().getMethod()).isEqualTo("BYE");
    assertThat(b.getContentLength().getContentLength()).isZero();
  }

  @Test
  void aCalleesAnswerCopiesTheRequestsHeadersAndTagsTheTo() throws Exception {
    SipIncoming in =
        new SipIncoming(
            "INVITE",
            "025648000008-1",
            "c@h",
            "z9hG4bK1",
            List.of(
                "Via: SIP/2.0/UDP 127.0.1.1:40000;branch=z9hG4bK1;rport=40000\r\n",
                "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKx\r\n"),
            "From: <sip:phone7@fleet.example.net>;tag=ft\r\n",
            "To: <sip:phone8@fleet.example.net>\r\n",
            false,
            "CSeq: 1 INVITE\r\n",
            new InetSocketAddress("127.0.1.1", 40000));
    String sdp = DialogRequest.offer("127.0.1.2", 16390, 1);
    SIPResponse ok =
        (SIPResponse)
            parse(in.response(200, "OK", "tt", "sip:025648000008-1@127.0.1.2:40001", sdp));
    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(ok.getViaHeaders()).hasSize(2);
    assertThat(ok.getTo().getTag()).isEqualTo("tt");
    assertThat(ok.getFrom().getTag()).isEqualTo("ft");
    assertThat(ok.getContentLength().getContentLength()).isEqualTo(sdp.length());
  }
}
