package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * Takes in one message as a server transport does (RFC 3261 18.2.1, RFC 3581), a datagram or a
 * message framed from a connection, and hands the request to the {@link SipRequestHandler} with the
 * channel its {@link ReturnPath} gives. JAIN-SIP parses and builds the messages, but its
 * transaction layer is left out: a redirect server answers every request statelessly, and the
 * stack's transaction and dialog lookups for each request cost as much as the redirect itself. Not
 * thread-safe (the parser is not): one per UDP reader and one per event loop.
 */
final class MessageReception implements ParseExceptionListener {

  private static final Logger LOG = Logger.getLogger(MessageReception.class);

  /**
   * Headers without which no request can be answered: one of them broken fails the message; any
   * other broken header is kept unparsed and the request goes on (as JAIN-SIP's own UDP channel
   * does).
   */
  private static final Set<Class<?>> ESSENTIAL =
      Set.of(
          From.class,
          To.class,
          CSeq.class,
          Via.class,
          CallID.class,
          ContentLength.class,
          RequestLine.class,
          StatusLine.class);

  /**
   * Folded header lines allowed in one message. The parser joins each continuation line to a copy
   * of what came before, so thousands of them in one 64 KiB datagram would cost it quadratic time;
   * real phones fold a few lines at most.
   */
  private static final int MAX_CONTINUATION_LINES = 64;

  private final StringMsgParser parser = new SipMessageParser();
  private final SipRequestHandler handler;
  private final SipResponses responses;
  private final SipMetrics metrics;

  MessageReception(SipRequestHandler handler, SipResponses responses, SipMetrics metrics) {
    this.handler = handler;
    this.responses = responses;
    this.metrics = metrics;
  }

  /** Answers the request in {@code data}, which came from {@code source} by {@code path}. */
  void receive(byte[] data, InetSocketAddress source, ReturnPath path) {
    SIPMessage message;
    try {
      if (continuationLines(data) > MAX_CONTINUATION_LINES) {
        throw new MalformedMessage("Too Many Folded Lines");
      }
      message = parser.parseSIPMessage(data, true, false, this);
    } catch (ParseException | RuntimeException e) {
      // Only our own phrases go into a reason: never a parser's or a runtime exception's text.
      refuse(
          data, source, path, e instanceof MalformedMessage ? e.getMessage() : "Malformed Message");
      return;
    }
    if (message == null) {
      return; // a keep-alive: CRLFs only
    }
    if (!(message instanceof SIPRequest request)) {
      return; // a redirect server sends no requests, so a response here is stray
    }
    Via via = request.getTopmostVia();
    if (via == null
        || request.getFrom() == null
        || request.getTo() == null
        || request.getCallId() == null
        || request.getCSeq() == null) {
      metrics.malformed(); // nothing to address an answer with
      return;
    }
    ResponseChannel channel = path.channel(via);
    try {
      if (!"SIP/2.0".equalsIgnoreCase(requestLineVersion(data))) {
        answer(channel, request, Response.VERSION_NOT_SUPPORTED, "SIP Version Not Supported");
        return;
      }
      if (!request.getMethod().equals(request.getCSeq().getMethod())) {
        answer(channel, request, Response.BAD_REQUEST, "CSeq Method Does Not Match");
        return;
      }
      stamp(via, source);
    } catch (ParseException | IOException e) {
      LOG.debugf("Could not take a request from %s: %s", source, e.toString());
      return;
    }
    request.setRemoteAddress(source.getAddress());
    request.setRemotePort(source.getPort());
    request.setPeerPacketSourceAddress(source.getAddress());
    request.setPeerPacketSourcePort(source.getPort());
    handler.handle(request, channel);
  }

  @Override
  public void handleException(
      ParseException ex, SIPMessage message, Class headerClass, String header, String text)
      throws ParseException {
    if (headerClass == null || ESSENTIAL.contains(headerClass)) {
      throw ex;
    }
    message.addUnparsed(header);
  }

  private void answer(ResponseChannel channel, Request request, int status, String reason)
      throws ParseException, IOException {
    if (Request.ACK.equals(request.getMethod())) {
      return; // an ACK is never answered
    }
    metrics.response(status);
    channel.send(responses.create(request, status, reason));
  }

  /** Answers 400 when the broken request still says where the answer goes, else drops it. */
  private void refuse(byte[] data, InetSocketAddress source, ReturnPath path, String problem) {
    byte[] answer = BadRequestAnswer.of(data, problem);
    if (answer == null) {
      metrics.malformed();
      return;
    }
    try {
      metrics.response(Response.BAD_REQUEST);
      path.send(answer);
    } catch (IOException e) {
      LOG.debugf("Could not answer a broken request from %s: %s", source, e.toString());
    }
  }

  /**
   * Notes where the request really came from in its top Via (RFC 3261 18.2.1: {@code received} when
   * the sent-by host differs; RFC 3581: {@code received} and {@code rport} when the client asked
   * for rport), so the registrar can store it and the answer finds its way through NAT.
   */
  private static void stamp(Via via, InetSocketAddress source) throws ParseException {
    String sourceHost = source.getAddress().getHostAddress();
    boolean rport = via.hasParameter(Via.RPORT);
    if (rport || !sourceHost.equals(via.getHost())) {
      via.setParameter(Via.RECEIVED, sourceHost);
    }
    if (rport) {
      via.setParameter(Via.RPORT, Integer.toString(source.getPort()));
    }
  }

  /**
   * The last word of the request line, read from the bytes: JAIN-SIP's parser takes any version for
   * 2.0.
   */
  private static String requestLineVersion(byte[] data) {
    int start = 0;
    while (start < data.length && data[start] < 0x20) {
      start++; // leading CRLFs, as the parser skips them
    }
    int end = start;
    while (end < data.length && data[end] != '\r' && data[end] != '\n') {
      end++;
    }
    while (end > start && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
      end--;
    }
    int space = end - 1;
    while (space >= start && data[space] != ' ') {
      space--;
    }
    return new String(data, space + 1, end - space - 1, StandardCharsets.ISO_8859_1).strip();
  }

  private static int continuationLines(byte[] data) {
    int count = 0;
    for (int i = 0; i < data.length - 1; i++) {
      if (data[i] == '\n' && (data[i + 1] == ' ' || data[i + 1] == '\t')) {
        count++;
      }
    }
    return count;
  }
}
