package io.voxhost.phones.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.phones.codec.SipAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Responses read as a real stack reads them: status, branch, challenges, granted expiries. */
class SipAnswersTest {

  @Test
  void aReplysGrantedExpiryIsThatOfItsContact() {
    String reply =
        "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 127.0.1.1:40000;branch=z9hG4bKb;rport=40000\r\n"
            + "From: <sip:phone7@f>;tag=t\r\nTo: <sip:phone7@f>;tag=u\r\n"
            + "Call-ID: c\r\nCSeq: 2 REGISTER\r\n"
            + "Contact: <sip:other@127.0.0.9:5060>;expires=100\r\n"
            + "Contact: <sip:025648000007-1@127.0.1.1:40000>;expires=1800\r\n"
            + "Content-Length: 0\r\n\r\n";
    SipAnswer r = SipAnswers.parse(reply.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.branch()).isEqualTo("z9hG4bKb");
    assertThat(r.grantedTo("025648000007-1")).contains(1800);
    assertThat(SipAnswers.parse("garbage\r\n\r\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
