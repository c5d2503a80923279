package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sip.message.Request;
import org.jboss.logging.Logger;

/**
 * Runs made-up requests through a reception of its own before phones' traffic comes, so that the
 * JIT has compiled the parser, the checks, the registrar, the binding writes and the answers by
 * then. A node that restarts is met by every phone's re-registration at once; compiling the SIP
 * path under that load took both cores for seconds and made the first phones wait up to a second.
 * The requests are for a domain no tenant can have ({@code .invalid}, RFC 6761), their answers are
 * encoded and dropped, and the handler is one of its own (its own metrics, no rate limit), so
 * nothing a tenant sees changes. The registrar's part is rehearsed ({@link RegisterFlow#rehearse}):
 * REGISTERs for AORs of no tenant, written in transactions that are rolled back.
 */
final class SipWarmUp {

  private static final Logger LOG = Logger.getLogger(SipWarmUp.class);
  static final String DOMAIN = "warm-up.invalid";

  /** The tenant of the rehearsed REGISTERs' AORs: the nil UUID, which no tenant has. */
  private static final UUID NO_TENANT = new UUID(0, 0);

  /** REGISTERs rehearsed in one rolled-back write, as the journal batches them under load. */
  private static final int REHEARSAL_BATCH = 100;

  private final MessageReception reception;
  private final RegisterFlow registers;
  private final int rounds;
  private final Duration budget;
  private final StringMsgParser parser = new SipMessageParser();

  SipWarmUp(MessageReception reception, RegisterFlow registers, int rounds, Duration budget) {
    this.reception = reception;
    this.registers = registers;
    this.rounds = rounds;
    this.budget = budget;
  }

  /** Sends up to {@code rounds} of each kind of request, for at most the budget; returns rounds. */
  int run() {
    long deadline = System.nanoTime() + budget.toNanos();
    InetSocketAddress source = new InetSocketAddress("127.0.0.1", 5060);
    DiscardingPath path = new DiscardingPath();
    List<Request> rehearsal = new ArrayList<>(REHEARSAL_BATCH);
    int round = 0;
    try {
      while (round < rounds && System.nanoTime() < deadline && !Thread.interrupted()) {
        byte[] register = register(round);
        reception.receive(register, source, path);
        reception.receive(invite(round), source, path);
        reception.receive(options(round), source, path);
        rehearsal.add((Request) parser.parseSIPMessage(register, true, false, null));
        if (rehearsal.size() == REHEARSAL_BATCH) {
          registers.rehearse(rehearsal, NO_TENANT, path);
          rehearsal.clear();
        }
        round++;
      }
    } catch (Exception e) {
      LOG.debugf("SIP warm-up stopped after %d rounds: %s", round, e.toString());
    }
    LOG.debugf("SIP warm-up: %d rounds", round);
    return round;
  }

  private static byte[] register(int n) {
    return message(
        "REGISTER sip:" + DOMAIN + " SIP/2.0",
        n,
        "REGISTER",
        "To: <sip:user" + n + "@" + DOMAIN + ">",
        "Contact: <sip:user" + n + "@127.0.0.1:5062;transport=udp>;expires=3600",
        "Expires: 3600",
        "");
  }

  private static byte[] invite(int n) {
    String sdp =
        "v=0\r\no=- "
            + n
            + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    return message(
        "INVITE sip:" + (1000 + n % 9000) + "@" + DOMAIN + " SIP/2.0",
        n,
        "INVITE",
        "To: <sip:" + (1000 + n % 9000) + "@" + DOMAIN + ">",
        "Contact: <sip:caller@127.0.0.1:5062>",
        "Content-Type: application/sdp",
        sdp);
  }

  private static byte[] options(int n) {
    return message(
        "OPTIONS sip:" + DOMAIN + " SIP/2.0",
        n,
        "OPTIONS",
        "To: <sip:" + DOMAIN + ">",
        "Accept: application/sdp",
        "Supported: path, outbound",
        "");
  }

  private static byte[] message(
      String requestLine,
      int n,
      String method,
      String to,
      String extra1,
      String extra2,
      String body) {
    String text =
        requestLine
            + "\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-warm-"
            + method
            + n
            + ";rport\r\nMax-Forwards: 70\r\nFrom: <sip:caller@"
            + DOMAIN
            + ">;tag=w"
            + n
            + "\r\n"
            + to
            + "\r\nCall-ID: warm-"
            + method
            + n
            + "@127.0.0.1\r\nCSeq: "
            + (n + 1)
            + " "
            + method
            + "\r\n"
            + extra1
            + "\r\n"
            + extra2
            + "\r\nUser-Agent: voxhost-warm-up\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Answers are encoded as they would be sent over UDP, then dropped. */
  private static final class DiscardingPath implements ReturnPath, ResponseChannel {

    @Override
    public ResponseChannel channel(Via via) {
      return this;
    }

    @Override
    public void send(byte[] answer) {
      // dropped: nobody is there
    }

    @Override
    public byte[] encode(javax.sip.message.Response response) {
      return ((SIPResponse) response).encodeAsBytes("UDP");
    }

    @Override
    public void resend(byte[] encoded) {
      // dropped: nobody is there
    }
  }
}
