package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The SIP datagram parser on hostile input: a message or a {@link ParseException}, nothing else;
 * and what it accepts it reads back as written.
 */
class SipMessageParserProperties {

  @Property(tries = 2000, seed = "29")
  void anyBytesGiveAMessageOrAParseError(@ForAll @Size(max = 1500) byte[] bytes) {
    parseOrRefuse(bytes);
  }

  @Property(tries = 2000, seed = "31")
  void aMangledRegisterGivesAMessageOrAParseError(
      @ForAll("registers") String register,
      @ForAll @Size(max = 8)
          java.util.List<@net.jqwik.api.constraints.IntRange(max = 2000) Integer> cuts,
      @ForAll @Size(max = 8) java.util.List<Byte> noise) {
    byte[] bytes = register.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < cuts.size() && bytes.length > 0; i++) {
      int at = cuts.get(i) % bytes.length;
      bytes[at] = i < noise.size() ? noise.get(i) : (byte) ':';
    }
    parseOrRefuse(bytes);
  }

  @Property(tries = 500, seed = "37")
  void aWellFormedRegisterReadsBackAsWritten(@ForAll("registerFields") Fields f) throws Exception {
    SIPMessage message =
        new SipMessageParser()
            .parseSIPMessage(f.text().getBytes(StandardCharsets.UTF_8), true, false, null);
    assertThat(message).isInstanceOf(SIPRequest.class);
    SIPRequest request = (SIPRequest) message;
    assertThat(request.getMethod()).isEqualTo("REGISTER");
    assertThat(((SipURI) request.getTo().getAddress().getURI()).getUser()).isEqualTo(f.user());
    assertThat(((SipURI) request.getTo().getAddress().getURI()).getHost()).isEqualTo(f.domain());
    assertThat(request.getCallId().getCallId()).isEqualTo(f.callId());
    assertThat(((ExpiresHeader) request.getHeader(ExpiresHeader.NAME)).getExpires())
        .isEqualTo(f.expires());
    ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
    assertThat(((SipURI) contact.getAddress().getURI()).getPort()).isEqualTo(f.port());
  }

  private static void parseOrRefuse(byte[] bytes) {
    try {
      new SipMessageParser().parseSIPMessage(bytes, true, false, null);
    } catch (ParseException expected) {
      // refused in the parser's own terms
    }
  }

  record Fields(String user, String domain, String callId, int expires, int port, String text) {}

  @Provide
  Arbitrary<Fields> registerFields() {
    Arbitrary<String> word =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    return Combinators.combine(
            word,
            word,
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30),
            Arbitraries.integers().between(0, 86400),
            Arbitraries.integers().between(1, 65535))
        .as(
            (user, host, callId, expires, port) ->
                new Fields(
                    user,
                    host + ".example",
                    callId,
                    expires,
                    port,
                    register(user, host + ".example", callId, expires, port)));
  }

  @Provide
  Arbitrary<String> registers() {
    return registerFields().map(Fields::text);
  }

  private static String register(String user, String domain, String callId, int expires, int port) {
    return "REGISTER sip:"
        + domain
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.10:"
        + port
        + ";branch=z9hG4bK"
        + callId
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:"
        + user
        + "@"
        + domain
        + ">;tag=a1\r\n"
        + "To: <sip:"
        + user
        + "@"
        + domain
        + ">\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Contact: <sip:"
        + user
        + "@192.0.2.10:"
        + port
        + ">\r\n"
        + "Expires: "
        + expires
        + "\r\n"
        + "Content-Length: 0\r\n\r\n";
  }
}
