package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict parsing (RFC 4475, RFC 5118, RFC 3261 8.2.2): each case over UDP and TCP, and every reason
 * phrase one of ours.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StrictParsingTest {

  /** A status line with a reason phrase of ours: words, at most one parenthesised detail. */
  private static final String CLEAN_STATUS_LINE =
      "^SIP/2\\.0 \\d{3} [A-Z][A-Za-z -]*( \\([A-Z][A-Za-z0-9 -]*\\))?\r\n[\\s\\S]*";

  private RawSipPeer peer;

  @BeforeEach
  void setUp() throws Exception {
    peer = new RawSipPeer(SipPortResource.port());
  }

  @AfterEach
  void tearDown() {
    peer.close();
  }

  /** A request whose Via names {@code transport}; {@code extra} lines go before Content-Length. */
  private String request(String transport, String requestLine, String... extra) {
    String method = requestLine.substring(0, requestLine.indexOf(' '));
    String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder m = new StringBuilder(requestLine).append("\r\n");
    m.append("Via: SIP/2.0/")
        .append(transport)
        .append(" 127.0.0.1:")
        .append(peer.localPort())
        .append(";branch=")
        .append(branch)
        .append("\r\n");
    m.append("Max-Forwards: 70\r\n");
    m.append("From: <sip:alice@strict.test>;tag=1\r\n");
    m.append("To: <sip:bob@strict.test>\r\n");
    m.append("Call-ID: ").append(UUID.randomUUID()).append("@test\r\n");
    m.append("CSeq: 1 ").append(method).append("\r\n");
    for (String line : extra) {
      m.append(line).append("\r\n");
    }
    m.append("Content-Length: 0\r\n\r\n");
    return m.toString();
  }

  private String exchange(String transport, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return transport.equals("UDP") ? peer.udp(bytes) : peer.tcp(bytes);
  }

  /**
   * A message the parser refuses gets a 400 with a clean phrase, over UDP and over TCP alike: the
   * connection's framing holds, so only the message is refused.
   */
  private static void assertRefusedCleanly(String transport, String answer, String start) {
    assertThat(answer).startsWith(start).matches(CLEAN_STATUS_LINE);
  }

  @ParameterizedTest
  @CsvSource({
    "UDP, INVITE unknownscheme:unknownstuff SIP/2.0",
    "TCP, INVITE unknownscheme:unknownstuff SIP/2.0",
    "UDP, OPTIONS unknownscheme:unknownstuff SIP/2.0",
    "TCP, OPTIONS unknownscheme:unknownstuff SIP/2.0",
    "UDP, MESSAGE http://strict.test/bob SIP/2.0",
  })
  void anUnknownRequestUriSchemeGets416(String transport, String requestLine) throws Exception {
    assertThat(exchange(transport, request(transport, requestLine)))
        .startsWith("SIP/2.0 416 Unsupported URI Scheme\r\n");
  }

  @ParameterizedTest
  @CsvSource({
    "UDP, OPTIONS sip:bob@strict.test SIP/2.0",
    "TCP, OPTIONS sip:bob@strict.test SIP/2.0",
    "UDP, INVITE sip:bob@strict.test SIP/2.0",
    "TCP, INVITE sip:bob@strict.test SIP/2.0",
    "UDP, REGISTER sip:strict.test SIP/2.0",
    "TCP, SUBSCRIBE sip:bob@strict.test SIP/2.0",
  })
  void aRequiredExtensionWeLackGets420ListingIt(String transport, String requestLine)
      throws Exception {
    String answer =
        exchange(transport, request(transport, requestLine, "Require: path, nosuchext, Foo"));
    assertThat(answer).startsWith("SIP/2.0 420 Bad Extension\r\n");
    assertThat(answer).containsPattern("(?i)\r\nUnsupported: *[^\r]*nosuchext");
    assertThat(answer).containsPattern("(?i)\r\nUnsupported: *[^\r]*Foo");
    assertThat(answer).doesNotContainPattern("(?i)\r\nUnsupported: *[^\r]*path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void aCancelIsNeverRefusedForItsRequire(String transport) throws Exception {
    String answer =
        exchange(
            transport,
            request(transport, "CANCEL sip:bob@strict.test SIP/2.0", "Require: nosuchext"));
    assertThat(answer).startsWith("SIP/2.0 481");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UDP|Content-Length: 0",
        "TCP|Content-Length: 0",
        "UDP|Call-ID: another@test",
        "TCP|Call-ID: another@test",
        "UDP|i: another@test",
        "UDP|CSeq: 1 OPTIONS",
        "UDP|From: <sip:mallory@strict.test>;tag=2",
        "UDP|To: <sip:carol@strict.test>",
        "TCP|To: <sip:carol@strict.test>",
        "UDP|Max-Forwards: 69",
        "TCP|Max-Forwards: 69",
        "UDP|Expires: 60",
      })
  void aSecondSingleValuedHeaderIsABadRequest(String transport, String second) throws Exception {
    String[] lines =
        second.startsWith("Expires") ? new String[] {second, second} : new String[] {second};
    String answer =
        exchange(transport, request(transport, "OPTIONS sip:bob@strict.test SIP/2.0", lines));
    assertRefusedCleanly(transport, answer, "SIP/2.0 400 Bad Request (Duplicate ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UDP|Max-Forwards: 70, 69",
        "TCP|Max-Forwards: 70, 69",
        "UDP|Expires: 60, 70",
        "UDP|To: <sip:bob@strict.test>, <sip:carol@strict.test>",
      })
  void severalValuesInASingleValuedHeaderAreABadRequest(String transport, String line)
      throws Exception {
    String text = request(transport, "OPTIONS sip:bob@strict.test SIP/2.0", line);
    if (line.startsWith("Max-Forwards") || line.startsWith("To")) {
      // replace the request's own line rather than adding a second one
      String name = line.substring(0, line.indexOf(':'));
      text = text.replaceFirst(name + ": [^\r]*\r\n", "");
    }
    // The parser itself refuses a To with two addresses, before the strict check names it.
    assertRefusedCleanly(transport, exchange(transport, text), "SIP/2.0 400 Bad Request (");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UDP|INVITE sip:bob@[2001:db8::10 SIP/2.0|",
        "TCP|INVITE sip:bob@[2001:db8::10 SIP/2.0|",
        "UDP|INVITE sip:bob@2001:db8::10:5070 SIP/2.0|",
        "TCP|INVITE sip:bob@2001:db8::10:5070 SIP/2.0|",
        "UDP|INVITE sip:bob@2001:db8::10 SIP/2.0|",
        "UDP|OPTIONS sip:bob@strict.test SIP/2.0|Via: SIP/2.0/UDP 2001:db8::10:5070;branch=z9hG4bKv6",
        "TCP|OPTIONS sip:bob@strict.test SIP/2.0|Via: SIP/2.0/TCP 2001:db8::10:5070;branch=z9hG4bKv6",
        "UDP|OPTIONS sip:bob@strict.test SIP/2.0|Via: SIP/2.0/UDP [2001:db8::10;branch=z9hG4bKv6",
      })
  void aMalformedIpv6ReferenceIsABadRequest(String transport, String requestLine, String via)
      throws Exception {
    String text = request(transport, requestLine);
    if (via != null) {
      text = text.replaceFirst("\r\n", "\r\n" + via + "\r\n"); // a second Via, below the good one
    }
    assertRefusedCleanly(
        transport, exchange(transport, text), "SIP/2.0 400 Bad Request (Malformed ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UDP|INVITE sip:bob@strict.test;lr=\"x\" SIP/2.0||Bad Request (Malformed Request Line)",
        "TCP|INVITE sip:bob@strict.test;lr=\"x\" SIP/2.0||Bad Request (Malformed Request Line)",
        "UDP|OPTIONS sip:bob@strict.test SIP/2.0|;lr;|Bad Request (Malformed Via)",
        "TCP|OPTIONS sip:bob@strict.test SIP/2.0|;lr;|Bad Request (Malformed Via)",
      })
  void aReasonPhraseCarriesNoInternalText(
      String transport, String requestLine, String viaSuffix, String reason) throws Exception {
    String text = request(transport, requestLine);
    if (viaSuffix != null) {
      text = text.replaceFirst("(Via: [^\r]*)\r\n", "$1" + viaSuffix + "\r\n");
    }
    String answer = exchange(transport, text);
    assertRefusedCleanly(transport, answer, "SIP/2.0 400 " + reason + "\r\n");
    if (answer != null) {
      assertThat(answer).doesNotContain("[C@").doesNotContain("Token");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UDP|OPTIONS sip:bob@[2001:db8::10]:5070 SIP/2.0",
        "TCP|OPTIONS sip:bob@[2001:db8::10]:5070 SIP/2.0",
        "UDP|OPTIONS sip:bob@[2001:db8::10:5070] SIP/2.0",
        "UDP|OPTIONS tel:+15551234567 SIP/2.0",
        "UDP|OPTIONS sips:bob@strict.test SIP/2.0",
      })
  void wellFormedRequestsAreStillAnswered(String transport, String requestLine) throws Exception {
    String answer =
        exchange(
            transport,
            request(transport, requestLine, "Require: path", "Supported: outbound, path"));
    assertThat(answer).startsWith("SIP/2.0 200");
  }
}
