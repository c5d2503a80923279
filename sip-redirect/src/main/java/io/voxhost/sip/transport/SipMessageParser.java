package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.Expires;
import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.ProxyAuthorization;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.AuthorizationParser;
import gov.nist.javax.sip.parser.CSeqParser;
import gov.nist.javax.sip.parser.CallIDParser;
import gov.nist.javax.sip.parser.ContactParser;
import gov.nist.javax.sip.parser.ContentLengthParser;
import gov.nist.javax.sip.parser.ExpiresParser;
import gov.nist.javax.sip.parser.FromParser;
import gov.nist.javax.sip.parser.HeaderParser;
import gov.nist.javax.sip.parser.MaxForwardsParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ProxyAuthorizationParser;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.parser.ToParser;
import gov.nist.javax.sip.parser.ViaParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sip.message.Request;

/**
 * JAIN-SIP's message parser, made to parse only what the role reads. The stock parser finds each
 * header's parser by reflection (a tenth of all CPU under load) and fully parses every header,
 * though a redirect server reads few of them. Here the headers the role reads get their parser
 * directly; headers it never reads (and that never go into a response) stay raw text; every other
 * header goes the stock way. An INVITE's Contact is the caller's and is never read either, so only
 * a REGISTER's Contact is parsed.
 *
 * <p>It is also stricter than the stock parser (see {@link StrictSyntax}), and every failure it
 * reports, to its caller or to the exception listener, is a {@link MalformedMessage} with a phrase
 * of ours. The same parser serves UDP, TCP and TLS ({@link MessageReception}), whose 400 reason is
 * the failure's message.
 */
final class SipMessageParser extends StringMsgParser {

  static {
    JbossStackLogger.installForParsers();
  }

  /** Headers kept as text: nothing reads them and no response copies them. */
  private static final Set<String> UNREAD =
      Set.of(
          "content-type",
          "c",
          "user-agent",
          "allow",
          "accept",
          "accept-encoding",
          "accept-language",
          "supported",
          "k",
          "allow-events",
          "u",
          "content-disposition",
          "date",
          "server",
          "subject",
          "s",
          "organization",
          "session-expires",
          "x",
          "min-se",
          "p-asserted-identity",
          "p-preferred-identity",
          "privacy",
          "remote-party-id",
          "priority",
          "call-info",
          "alert-info",
          "user-to-user");

  /** A header the role reads: how to parse it, and its class as the exception listener knows it. */
  private record ReadHeader(Function<String, HeaderParser> parser, Class<?> type) {}

  private static final Map<String, ReadHeader> READ = readHeaders();

  private static Map<String, ReadHeader> readHeaders() {
    Map<String, ReadHeader> read = new HashMap<>();
    put(read, Via.class, ViaParser::new, "via", "v");
    put(read, From.class, FromParser::new, "from", "f");
    put(read, To.class, ToParser::new, "to", "t");
    put(read, CallID.class, CallIDParser::new, "call-id", "i");
    put(read, CSeq.class, CSeqParser::new, "cseq");
    put(read, ContentLength.class, ContentLengthParser::new, "content-length", "l");
    put(read, MaxForwards.class, MaxForwardsParser::new, "max-forwards");
    put(read, Expires.class, ExpiresParser::new, "expires");
    put(read, Authorization.class, AuthorizationParser::new, "authorization");
    put(read, ProxyAuthorization.class, ProxyAuthorizationParser::new, "proxy-authorization");
    put(read, Contact.class, ContactParser::new, "contact", "m");
    return Map.copyOf(read);
  }

  private static void put(
      Map<String, ReadHeader> read,
      Class<?> type,
      Function<String, HeaderParser> parser,
      String... names) {
    for (String name : names) {
      read.put(name, new ReadHeader(parser, type));
    }
  }

  @Override
  public SIPMessage parseSIPMessage(
      byte[] raw, boolean readBody, boolean strict, ParseExceptionListener listener)
      throws ParseException {
    ParseExceptionListener clean = listener == null ? null : new CleanListener(listener);
    SIPMessage message;
    try {
      message = super.parseSIPMessage(raw, readBody, strict, clean);
    } catch (MalformedMessage e) {
      throw e;
    } catch (ParseException | RuntimeException e) {
      throw new MalformedMessage(problem(e));
    }
    if (message instanceof SIPRequest) {
      String problem = StrictSyntax.problem(raw);
      if (problem != null) {
        MalformedMessage malformed = new MalformedMessage(problem);
        if (clean != null) {
          // The whole message is refused: the listener takes a broken request line as fatal.
          clean.handleException(
              malformed, message, RequestLine.class, null, new String(raw, StandardCharsets.UTF_8));
        }
        throw malformed;
      }
    }
    return message;
  }

  /** Our phrase for a failure the parser reported by throwing: its text is never passed on. */
  private static String problem(Exception e) {
    String text = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return text.contains("content length") ? "Bad Content-Length" : "Malformed Message";
  }

  @Override
  protected void processHeader(
      String header, SIPMessage message, ParseExceptionListener listener, byte[] raw)
      throws ParseException {
    int colon = header == null ? -1 : header.indexOf(':');
    if (colon <= 0 || message == null) {
      super.processHeader(header, message, listener, raw);
      return;
    }
    String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    ReadHeader read = READ.get(name);
    boolean unread =
        read == null
            ? UNREAD.contains(name) || name.startsWith("x-")
            : read.type() == Contact.class && !isRegister(message);
    if (unread) {
      keepRaw(header, colon, message);
      return;
    }
    if (read == null) {
      super.processHeader(header, message, listener, raw);
      return;
    }
    try {
      message.attachHeader(read.parser().apply(header + "\n").parse(), false);
    } catch (ParseException e) {
      if (listener == null) {
        throw e;
      }
      listener.handleException(
          e, message, read.type(), header, new String(raw, StandardCharsets.UTF_8));
    }
  }

  private static boolean isRegister(SIPMessage message) {
    return message instanceof SIPRequest request && Request.REGISTER.equals(request.getMethod());
  }

  private static void keepRaw(String header, int colon, SIPMessage message) throws ParseException {
    ExtensionHeaderImpl raw = new ExtensionHeaderImpl(header.substring(0, colon).strip());
    raw.setValue(header.substring(colon + 1).strip());
    message.attachHeader(raw, false);
  }

  /** Hands the listener our phrase for a failure, never the parser's own message. */
  private record CleanListener(ParseExceptionListener listener) implements ParseExceptionListener {

    @Override
    public void handleException(
        ParseException ex, SIPMessage message, Class headerClass, String header, String text)
        throws ParseException {
      listener.handleException(
          ex instanceof MalformedMessage ? ex : new MalformedMessage(problem(headerClass)),
          message,
          headerClass,
          header,
          text);
    }

    private static String problem(Class<?> headerClass) {
      if (headerClass == null) {
        return "Malformed Message";
      }
      if (headerClass == RequestLine.class) {
        return "Malformed Request Line";
      }
      if (headerClass == StatusLine.class) {
        return "Malformed Status Line";
      }
      String name = NAMES.get(headerClass);
      return name == null ? "Malformed Header" : "Malformed " + name;
    }
  }

  /** The names of the headers a failure may be named by. */
  private static final Map<Class<?>, String> NAMES =
      Map.of(
          Via.class, "Via",
          From.class, "From",
          To.class, "To",
          CallID.class, "Call-ID",
          CSeq.class, "CSeq",
          ContentLength.class, "Content-Length",
          MaxForwards.class, "Max-Forwards",
          Expires.class, "Expires",
          Contact.class, "Contact");
}
