package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import java.util.ArrayList;
import java.util.List;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dip's answers at message level: the 302 with the name, and whose identity is asked. */
class CallerNameAnswerTest {

  private SipResponses responses;
  private CallerNameDip dip;
  private MessageFactory messages;
  private HeaderFactory headers;
  private AddressFactory addresses;

  @BeforeEach
  void setUp() throws Exception {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    responses = new SipResponses(factory);
    messages = factory.createMessageFactory();
    headers = factory.createHeaderFactory();
    addresses = factory.createAddressFactory();
    // Only caller() is used here: it needs no lookup, no workers and sends nothing.
    dip = new CallerNameDip(null, "cnam", Runnable::run, responses, null, null);
  }

  private Request invite(String from) throws Exception {
    List<ViaHeader> via = new ArrayList<>();
    via.add(headers.createViaHeader("127.0.0.1", 5070, "udp", "z9hG4bKdip1"));
    return messages.createRequest(
        addresses.createURI("sip:cnam@example.net"),
        Request.INVITE,
        headers.createCallIdHeader("dip-1@test"),
        headers.createCSeqHeader(1L, Request.INVITE),
        headers.createFromHeader(addresses.createAddress(from), "f1"),
        headers.createToHeader(addresses.createAddress("sip:cnam@example.net"), null),
        via,
        headers.createMaxForwardsHeader(70));
  }

  /** The display name of an address header read back the way a proxy would parse it. */
  private String parsedDisplayName(Response response, String name) throws Exception {
    String text = response.getHeader(name).toString();
    String value = text.substring(text.indexOf(':') + 1).strip();
    return addresses.createAddress(value).getDisplayName();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Reception|\"Reception\"",
        "Acme \"Best\" Plumbing|\"Acme \\\"Best\\\" Plumbing\"",
        "Back\\slash|\"Back\\\\slash\"",
        "Zoë Ünal|\"Zoë Ünal\""
      })
  void quotesAndEscapesTheNameInContactAndAssertedIdentity(String name, String quoted)
      throws Exception {
    Request invite = invite("<sip:1001@example.net;user=phone>");
    URI caller = ((HeaderAddress) invite.getHeader("From")).getAddress().getURI();
    Response moved = responses.callerNamed(invite, caller, name);

    assertThat(moved.getStatusCode()).isEqualTo(302);
    assertThat(moved.getReasonPhrase()).isEqualTo("Moved Temporarily");
    String expected = quoted + " <sip:1001@example.net;user=phone>";
    assertThat(moved.getHeader(ContactHeader.NAME).toString().strip())
        .isEqualTo("Contact: " + expected);
    assertThat(moved.getHeader("P-Asserted-Identity").toString().strip())
        .isEqualTo("P-Asserted-Identity: " + expected);
    // JAIN-SIP hands a quoted display name back as written, escapes and all.
    String inside = quoted.substring(1, quoted.length() - 1);
    assertThat(parsedDisplayName(moved, ContactHeader.NAME)).isEqualTo(inside);
    assertThat(parsedDisplayName(moved, "P-Asserted-Identity")).isEqualTo(inside);
  }

  @Test
  void escapesOnlyBackslashAndQuote() {
    assertThat(SipResponses.quotedContent("a\\b\"c'd<e>f,g")).isEqualTo("a\\\\b\\\"c'd<e>f,g");
  }

  @Test
  void asksAboutTheAssertedIdentityOnlyWhenATrustedPeerSentIt() throws Exception {
    Request invite = invite("\"Anyone\" <sip:anonymous@anonymous.invalid>");
    invite.addHeader(
        headers.createHeader(
            "P-Asserted-Identity", "\"Front Desk\" <sip:+14155550123@example.net;user=phone>"));

    assertThat(dip.caller(invite, true))
        .map(Object::toString)
        .contains("sip:+14155550123@example.net;user=phone");
    assertThat(dip.caller(invite, false))
        .map(Object::toString)
        .contains("sip:anonymous@anonymous.invalid");
  }

  @Test
  void readsAnAssertedIdentityOurParserKeptAsTextTakingTheFirstOfTwo() throws Exception {
    Request invite = invite("<sip:1002@example.net>");
    // SipMessageParser keeps P-Asserted-Identity as text (nothing but the dip reads it).
    ExtensionHeaderImpl pai = new ExtensionHeaderImpl("P-Asserted-Identity");
    pai.setValue("\"A, B\" <sip:1001@example.net>, <tel:+14155550123>");
    invite.addHeader(pai);

    assertThat(dip.caller(invite, true)).map(Object::toString).contains("sip:1001@example.net");
  }

  @Test
  void fallsBackToFromWhenATrustedPeerSendsNoAssertedIdentity() throws Exception {
    Request invite = invite("<sip:1002@example.net>");
    assertThat(dip.caller(invite, true)).map(Object::toString).contains("sip:1002@example.net");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<sip:1@a>|<sip:1@a>",
        "<sip:1@a>, <tel:+1>|<sip:1@a>",
        "\"x, y\" <sip:1@a>, <tel:+1>|\"x, y\" <sip:1@a>",
        "\"x \\\", y\" <sip:1@a>,<tel:+1>|\"x \\\", y\" <sip:1@a>",
        "sip:1@a|sip:1@a"
      })
  void takesTheFirstValueOfAHeader(String value, String first) {
    assertThat(CallerNameDip.firstValue(value)).isEqualTo(first);
  }
}
