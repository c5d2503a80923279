package io.voxhost.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.ContactSpec;
import io.voxhost.sip.service.DigestCredentials;
import io.voxhost.sip.service.RegisterRequest;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Reads JAIN-SIP requests into the registrar's and the redirect server's domain records. */
final class SipRequests {

  private SipRequests() {}

  /** The user and domain a request is about: the To URI for REGISTER, the Request-URI else. */
  static SipURI target(Request request) throws BadRequest {
    URI uri =
        Request.REGISTER.equals(request.getMethod())
            ? ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI()
            : request.getRequestURI();
    if (!(uri instanceof SipURI sip)) {
      throw new BadRequest("Unsupported URI Scheme");
    }
    if (sip.getUser() == null || sip.getUser().isEmpty()) {
      throw new BadRequest(
          "Missing User in "
              + (Request.REGISTER.equals(request.getMethod()) ? "To" : "Request-URI"));
    }
    return sip;
  }

  static RegisterRequest register(Request request, AddressOfRecord aor, Instant now)
      throws BadRequest {
    boolean wildcard = false;
    List<ContactSpec> contacts = new ArrayList<>();
    for (Iterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
      ContactHeader contact = (ContactHeader) it.next();
      if (contact.isWildCard() || contact.getAddress().isWildcard()) {
        wildcard = true;
        continue;
      }
      contacts.add(contactSpec(contact));
    }
    ExpiresHeader expires = request.getExpires();
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
    return new RegisterRequest(
        aor,
        wildcard,
        contacts,
        expires == null ? null : expires.getExpires(),
        callId.getCallId(),
        cseq.getSeqNumber(),
        headerValue(request, "User-Agent"),
        headerValues(request, "Path"),
        source(request),
        transport(request),
        now);
  }

  /** The top Via's branch, which names the client transaction; empty when there is none. */
  static String branch(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    String branch = via == null ? null : via.getBranch();
    return branch == null ? "" : branch;
  }

  /** What a retransmission shares with its original: branch, Call-ID and CSeq number. */
  static String transactionKey(Request request) {
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
    return branch(request)
        + '|'
        + (callId == null ? "" : callId.getCallId())
        + '|'
        + (cseq == null ? "" : cseq.getSeqNumber());
  }

  /** Transports that carry a connection, whose flows keep-alives keep open. */
  private static final Set<String> CONNECTIONS = Set.of("TCP", "TLS", "SCTP");

  /**
   * Whether a REGISTER opens an RFC 5626 flow that this node, as the phone's first hop, keeps: it
   * came over a connection, without a Path (no edge proxy before us), with {@code outbound} in
   * Supported or Require and a Contact carrying {@code reg-id} and {@code +sip.instance}.
   */
  static boolean opensOutboundFlow(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    if (via == null
        || !CONNECTIONS.contains(via.getTransport().toUpperCase(Locale.ROOT))
        || request.getHeader("Path") != null
        || !(names(request, "Supported", "outbound") || names(request, "Require", "outbound"))) {
      return false;
    }
    for (Iterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
      ContactHeader contact = (ContactHeader) it.next();
      if (contact.getParameter("reg-id") != null && contact.getParameter("+sip.instance") != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether a header of {@code name} lists the option tag {@code tag}. */
  private static boolean names(Request request, String name, String tag) {
    for (String value : headerValues(request, name)) {
      for (String listed : value.split(",")) {
        if (listed.strip().equalsIgnoreCase(tag)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A request with a To tag belongs to a dialog (RFC 3261 12.2). */
  static boolean inDialog(Request request) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to != null && to.getTag() != null;
  }

  static String transport(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
  }

  /** Where the request really came from: what RFC 3581 received/rport describe. */
  static String source(Request request) {
    SIPRequest nist = (SIPRequest) request;
    return nist.getRemoteAddress() == null
        ? null
        : nist.getRemoteAddress().getHostAddress() + ":" + nist.getRemotePort();
  }

  /** The source's IP address alone, the unit failures and floods are counted by. */
  static String sourceHost(Request request) {
    SIPRequest nist = (SIPRequest) request;
    return nist.getRemoteAddress() == null ? "" : nist.getRemoteAddress().getHostAddress();
  }

  /** The source's IP address, or null when the request did not come from a socket. */
  static InetAddress sourceAddress(Request request) {
    return ((SIPRequest) request).getRemoteAddress();
  }

  static String userAgent(Request request) {
    return headerValue(request, "User-Agent");
  }

  /**
   * The From URI, which names who a request speaks for; empty unless it is a SIP URI with a user.
   */
  static Optional<SipURI> from(Request request) {
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    URI uri = from == null ? null : from.getAddress().getURI();
    if (!(uri instanceof SipURI sip) || sip.getUser() == null || sip.getUser().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(sip);
  }

  /**
   * The Digest credentials offered for {@code realm}, if any: a request may carry several
   * Authorization headers, one per realm (RFC 3261 22.4). Values are taken as sent, since the
   * response hash covers them verbatim.
   */
  static Optional<DigestCredentials> credentials(Request request, String realm) {
    for (Iterator<?> it = request.getHeaders(AuthorizationHeader.NAME); it.hasNext(); ) {
      AuthorizationHeader h = (AuthorizationHeader) it.next();
      if (!"Digest".equalsIgnoreCase(h.getScheme())
          || h.getRealm() == null
          || !h.getRealm().equalsIgnoreCase(realm)) {
        continue;
      }
      return Optional.of(
          new DigestCredentials(
              h.getParameter("username"),
              h.getRealm(),
              h.getParameter("nonce"),
              h.getParameter("uri"),
              h.getParameter("response"),
              h.getParameter("algorithm"),
              h.getParameter("qop"),
              h.getParameter("nc"),
              h.getParameter("cnonce")));
    }
    return Optional.empty();
  }

  static AddressOfRecord aor(UUID tenant, SipURI uri) {
    return new AddressOfRecord(tenant, uri.getUser(), uri.getHost());
  }

  private static ContactSpec contactSpec(ContactHeader contact) throws BadRequest {
    URI uri = contact.getAddress().getURI();
    int expires = contact.getExpires();
    float q = contact.getQValue();
    if (q > 1.0f) {
      throw new BadRequest("Invalid q Value");
    }
    String instance = contact.getParameter("+sip.instance");
    String regId = contact.getParameter("reg-id");
    Integer regIdValue = null;
    if (regId != null) {
      try {
        regIdValue = Integer.valueOf(regId);
      } catch (NumberFormatException e) {
        throw new BadRequest("Invalid reg-id");
      }
    }
    return new ContactSpec(
        uri.toString(),
        contactKey(uri),
        expires < 0 ? null : expires,
        q < 0 ? null : Math.round(q * 1000),
        instance,
        regIdValue);
  }

  /** The parts that identify a contact (RFC 3261 19.1.4 in spirit): scheme, user, host, port. */
  static String contactKey(URI uri) {
    if (!(uri instanceof SipURI sip)) {
      return uri.toString();
    }
    int port = sip.getPort() > 0 ? sip.getPort() : sip.isSecure() ? 5061 : 5060;
    String transport = sip.getTransportParam();
    return (sip.isSecure() ? "sips:" : "sip:")
        + (sip.getUser() == null ? "" : sip.getUser() + "@")
        + sip.getHost().toLowerCase(Locale.ROOT)
        + ":"
        + port
        + (transport == null ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT));
  }

  private static String headerValue(Request request, String name) {
    Header header = request.getHeader(name);
    if (header == null) {
      return null;
    }
    String text = header.toString();
    int colon = text.indexOf(':');
    return text.substring(colon + 1).trim();
  }

  private static List<String> headerValues(Request request, String name) {
    List<String> values = new ArrayList<>();
    for (Iterator<?> it = request.getHeaders(name); it.hasNext(); ) {
      String text = it.next().toString();
      values.add(text.substring(text.indexOf(':') + 1).trim());
    }
    return values;
  }
}
