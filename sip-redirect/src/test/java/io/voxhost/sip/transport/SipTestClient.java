package io.voxhost.sip.transport;

import io.voxhost.platform.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** A real SIP user agent (a second JAIN-SIP stack) that sends requests and collects answers. */
public final class SipTestClient implements SipListener, AutoCloseable {

  private final SipStack stack;
  private final SipProvider provider;
  private final int port;
  private final String serverHost;
  private final String localHost;
  private final int serverPort;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();

  public SipTestClient(String serverHost, int serverPort) throws Exception {
    this(serverHost, serverPort, "127.0.0.1");
  }

  /**
   * A client sending from {@code localHost}, a loopback address (127.0.0.2 and so on stand for
   * other machines).
   */
  public SipTestClient(String serverHost, int serverPort, String localHost) throws Exception {
    this.localHost = localHost;
    this.serverHost = serverHost;
    this.serverPort = serverPort;
    this.port = FreePorts.udpAndTcp();
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "test-client-" + UUID.randomUUID());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JbossStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JbossServerLogger.class.getName());
    stack = factory.createSipStack(p);
    ListeningPoint udp = stack.createListeningPoint(localHost, port, "udp");
    ListeningPoint tcp = stack.createListeningPoint(localHost, port, "tcp");
    provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    provider.addSipListener(this);
    messages = factory.createMessageFactory();
    headers = factory.createHeaderFactory();
    addresses = factory.createAddressFactory();
    stack.start();
  }

  /** A request builder for {@code method} to {@code sip:user@domain}. */
  public RequestSpec request(String method, String user, String domain) {
    return new RequestSpec(method, user, domain);
  }

  public Address address(String uri) throws Exception {
    return addresses.createAddress(uri);
  }

  /** Sends and waits for the final response with the same Call-ID and CSeq method. */
  public Response send(Request request, String transport) throws Exception {
    ClientTransaction tx = provider.getNewClientTransaction(request);
    tx.sendRequest();
    return awaitFinal(request);
  }

  /** Sends outside any transaction (for ACK and for retransmission tests). */
  public void sendStateless(Request request) throws Exception {
    provider.sendRequest(request);
  }

  public Response awaitFinal(Request request) throws InterruptedException {
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    String method = request.getMethod();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Response> others = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        Response r = responses.poll(100, TimeUnit.MILLISECONDS);
        if (r == null) {
          continue;
        }
        String rCallId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        String rMethod = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
        if (rCallId.equals(callId) && rMethod.equals(method) && r.getStatusCode() >= 200) {
          return r;
        }
        if (r.getStatusCode() >= 200) {
          others.add(r);
        }
      }
      throw new AssertionError("no final response to " + method + " " + callId);
    } finally {
      responses.addAll(others);
    }
  }

  /** Nothing arrives for this request within {@code millis}. */
  public boolean silentFor(Request request, long millis) throws InterruptedException {
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      Response r = responses.poll(50, TimeUnit.MILLISECONDS);
      if (r != null && ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId().equals(callId)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void processResponse(ResponseEvent event) {
    responses.add(event.getResponse());
  }

  @Override
  public void processRequest(RequestEvent event) {}

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  /**
   * The request again (new branch, the given CSeq) with Digest credentials answering the challenge
   * of {@code algorithm} in {@code challenge}, computed here independently of the server.
   */
  public Request authorize(
      Request request,
      Response challenge,
      String username,
      String password,
      String algorithm,
      int nonceCount,
      long cseq)
      throws Exception {
    WWWAuthenticateHeader offer = null;
    for (Iterator<?> it = challenge.getHeaders(WWWAuthenticateHeader.NAME); it.hasNext(); ) {
      WWWAuthenticateHeader h = (WWWAuthenticateHeader) it.next();
      if (algorithm.equalsIgnoreCase(h.getAlgorithm())) {
        offer = h;
      }
    }
    if (offer == null) {
      throw new AssertionError("no " + algorithm + " challenge in " + challenge);
    }
    Request again = (Request) request.clone();
    ((CSeqHeader) again.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
    ViaHeader via = (ViaHeader) again.getHeader(ViaHeader.NAME);
    via.setBranch("z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    via.setPort(port); // the request may have been built by another client: answers come here
    again.removeHeader(AuthorizationHeader.NAME);
    String uri = again.getRequestURI().toString();
    String nc = String.format("%08x", nonceCount);
    String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
    String ha1 = hex(algorithm, username + ":" + offer.getRealm() + ":" + password);
    String ha2 = hex(algorithm, again.getMethod() + ":" + uri);
    String response =
        hex(algorithm, ha1 + ":" + offer.getNonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    AuthorizationHeader auth = headers.createAuthorizationHeader("Digest");
    auth.setUsername(username);
    auth.setRealm(offer.getRealm());
    auth.setNonce(offer.getNonce());
    auth.setURI(again.getRequestURI());
    auth.setResponse(response);
    auth.setAlgorithm(algorithm);
    auth.setQop("auth");
    auth.setNonceCount(nonceCount);
    auth.setCNonce(cnonce);
    again.addHeader(auth);
    return again;
  }

  /** Any header, by name and value. */
  public javax.sip.header.Header header(String name, String value) throws Exception {
    return headers.createHeader(name, value);
  }

  private static String hex(String algorithm, String text) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {
    stack.stop();
  }

  /** Builds one request; every setter returns this. */
  public final class RequestSpec {
    private final String method;
    private final String user;
    private final String domain;
    private String transport = "udp";
    private String callId = UUID.randomUUID() + "@test";
    private long cseq = 1;
    private Integer expires;
    private Integer maxForwards = 70;
    private final List<ContactHeader> contacts = new ArrayList<>();
    private boolean wildcard;
    private String fromUser;
    private String fromDomain;

    RequestSpec(String method, String user, String domain) {
      this.method = method;
      this.user = user;
      this.domain = domain;
    }

    public RequestSpec transport(String value) {
      transport = value;
      return this;
    }

    public RequestSpec callId(String value) {
      callId = value;
      return this;
    }

    public RequestSpec cseq(long value) {
      cseq = value;
      return this;
    }

    public RequestSpec expires(Integer value) {
      expires = value;
      return this;
    }

    public RequestSpec maxForwards(Integer value) {
      maxForwards = value;
      return this;
    }

    /** A Contact with optional expires and q parameters (null leaves them out). */
    public RequestSpec contact(String uri, Integer contactExpires, Float q) throws Exception {
      ContactHeader contact = headers.createContactHeader(addresses.createAddress(uri));
      if (contactExpires != null) {
        contact.setExpires(contactExpires);
      }
      if (q != null) {
        contact.setQValue(q);
      }
      contacts.add(contact);
      return this;
    }

    /** Who the request is from (default: the target user itself). */
    public RequestSpec from(String user, String domain) {
      fromUser = user;
      fromDomain = domain;
      return this;
    }

    public RequestSpec wildcard() {
      wildcard = true;
      return this;
    }

    public Request build() throws Exception {
      SipURI aor = addresses.createSipURI(user, domain);
      SipURI requestUri =
          method.equals(Request.REGISTER)
              ? addresses.createSipURI(null, serverHost)
              : addresses.createSipURI(user, serverHost);
      requestUri.setPort(serverPort);
      requestUri.setTransportParam(transport);
      if (!method.equals(Request.REGISTER)) {
        // Address the AOR but send to our server: the host names the tenant's domain.
        requestUri.setHost(domain);
        requestUri.removePort();
      }
      Address from =
          addresses.createAddress(
              addresses.createSipURI(
                  fromUser == null ? user : fromUser, fromDomain == null ? domain : fromDomain));
      ViaHeader via =
          headers.createViaHeader(
              localHost,
              port,
              transport,
              "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      Request request =
          messages.createRequest(
              requestUri,
              method,
              headers.createCallIdHeader(callId),
              headers.createCSeqHeader(cseq, method),
              headers.createFromHeader(
                  from, Long.toHexString(ThreadLocalRandom.current().nextLong())),
              headers.createToHeader(addresses.createAddress(aor), null),
              new ArrayList<>(List.of(via)),
              headers.createMaxForwardsHeader(maxForwards == null ? 70 : maxForwards));
      if (maxForwards == null) {
        request.removeHeader("Max-Forwards");
      }
      if (wildcard) {
        request.addHeader(headers.createHeader("Contact", "*"));
      }
      for (ContactHeader contact : contacts) {
        request.addHeader(contact);
      }
      if (!method.equals(Request.REGISTER) && contacts.isEmpty()) {
        SipURI self = addresses.createSipURI(user, localHost);
        self.setPort(port);
        request.addHeader(headers.createContactHeader(addresses.createAddress(self)));
      }
      if (expires != null) {
        request.addHeader(headers.createExpiresHeader(expires));
      }
      // Route every request to the server under test, whatever its Request-URI says.
      SipURI route = addresses.createSipURI(null, serverHost);
      route.setPort(serverPort);
      route.setTransportParam(transport);
      route.setLrParam();
      request.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
      return request;
    }
  }
}
