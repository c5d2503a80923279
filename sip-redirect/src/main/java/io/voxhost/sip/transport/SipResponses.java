package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import io.voxhost.sip.service.Binding;
import io.voxhost.sip.service.DigestAlgorithm;
import io.voxhost.sip.service.RedirectFailure;
import java.text.ParseException;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds the responses the role sends. */
final class SipResponses {

  static final List<String> ALLOWED =
      List.of(
          Request.INVITE,
          Request.ACK,
          Request.CANCEL,
          Request.OPTIONS,
          Request.REGISTER,
          Request.MESSAGE,
          Request.SUBSCRIBE,
          Request.NOTIFY,
          Request.REFER,
          Request.PUBLISH);

  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;

  SipResponses(SipFactory factory) throws javax.sip.PeerUnavailableException {
    this.messages = factory.createMessageFactory();
    this.headers = factory.createHeaderFactory();
    this.addresses = factory.createAddressFactory();
  }

  /** A final response with a To tag (a stateless UAS must add one), and a reason phrase. */
  Response create(Request request, int status, String reason) throws ParseException {
    Response response = messages.createResponse(status, request);
    if (reason != null) {
      response.setReasonPhrase(reason);
    }
    ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
    if (status >= 200 && to != null && to.getTag() == null) {
      to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }
    return response;
  }

  /** A response sent before, from its text. */
  Response parse(String text) throws ParseException {
    return ((gov.nist.javax.sip.message.MessageFactoryImpl) messages).createResponse(text);
  }

  /** 200 to a REGISTER: every current binding with what is left of it, and the time now. */
  Response registered(Request request, List<Binding> bindings, Instant now)
      throws ParseException, InvalidArgumentException {
    Response response = create(request, Response.OK, null);
    addContacts(response, bindings, now, false);
    Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("GMT"));
    calendar.setTimeInMillis(now.toEpochMilli());
    response.addHeader(headers.createDateHeader(calendar));
    return response;
  }

  /**
   * Tells a phone that its REGISTER opened an RFC 5626 flow (section 6): {@code Require: outbound},
   * and the Flow-Timer its keep-alives must beat.
   */
  void outboundFlow(Response response, int flowTimerSeconds) throws ParseException {
    response.addHeader(headers.createRequireHeader("outbound"));
    response.addHeader(headers.createHeader("Flow-Timer", Integer.toString(flowTimerSeconds)));
  }

  Response intervalTooBrief(Request request, String reason, int minExpires)
      throws ParseException, InvalidArgumentException {
    Response response = create(request, Response.INTERVAL_TOO_BRIEF, reason);
    response.addHeader(headers.createMinExpiresHeader(minExpires));
    return response;
  }

  /** 302 with one Contact per binding, best first, each with its q and expires. */
  Response moved(Request request, List<Binding> bindings, Instant now)
      throws ParseException, InvalidArgumentException {
    Response response = create(request, Response.MOVED_TEMPORARILY, null);
    addContacts(response, bindings, now, true);
    return response;
  }

  /** 302 to a dial-plan target; a target the rule's expansion made unparseable is a 500. */
  Response routed(Request request, String target) throws ParseException {
    Address address;
    try {
      address = addresses.createAddress(target);
    } catch (ParseException e) {
      return refused(request, RedirectFailure.ROUTE_TARGET_INVALID);
    }
    Response response = create(request, Response.MOVED_TEMPORARILY, null);
    response.addHeader(headers.createContactHeader(address));
    return response;
  }

  /**
   * 302 to a caller-name dip: {@code Contact} and {@code P-Asserted-Identity} both {@code "Name"
   * <caller>}, the display name a quoted string (RFC 3261 25.1: {@code \} and {@code "} escaped;
   * the name has no control characters left, the chain cleaned it).
   */
  Response callerNamed(Request request, URI caller, String name) throws ParseException {
    Response response = create(request, Response.MOVED_TEMPORARILY, null);
    Address address = addresses.createAddress((URI) caller.clone());
    // JAIN-SIP writes the display name between quotes as it is given: escaped here.
    address.setDisplayName(quotedContent(name));
    response.addHeader(headers.createContactHeader(address));
    response.addHeader(headers.createHeader(CallerNameDip.P_ASSERTED_IDENTITY, address.toString()));
    return response;
  }

  /** The inside of a quoted string that reads as {@code text}: {@code \} and {@code "} escaped. */
  static String quotedContent(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** An address ({@code name-addr} or {@code addr-spec}) read from header text. */
  Address address(String text) throws ParseException {
    return addresses.createAddress(text);
  }

  Response refused(Request request, RedirectFailure failure) throws ParseException {
    return create(request, failure.status(), failure.reason());
  }

  Response options(Request request) throws ParseException {
    Response response = create(request, Response.OK, null);
    addAllow(response);
    response.addHeader(headers.createAcceptHeader("application", "sdp"));
    response.addHeader(headers.createSupportedHeader("path"));
    response.addHeader(headers.createSupportedHeader("outbound"));
    return response;
  }

  /** 401 with one Digest challenge per algorithm, in order of preference (RFC 8760 2.4). */
  Response challenge(
      Request request, String realm, String nonce, boolean stale, List<DigestAlgorithm> offered)
      throws ParseException {
    Response response = create(request, Response.UNAUTHORIZED, null);
    for (DigestAlgorithm algorithm : offered) {
      WWWAuthenticateHeader h = headers.createWWWAuthenticateHeader("Digest");
      h.setRealm(realm);
      h.setNonce(nonce);
      h.setAlgorithm(algorithm.token());
      h.setQop("auth");
      if (stale) {
        h.setStale(true);
      }
      response.addHeader(h);
    }
    return response;
  }

  /** 420 with one Unsupported header per option tag we lack (RFC 3261 8.2.2.3). */
  Response badExtension(Request request, List<String> unsupported) throws ParseException {
    Response response = create(request, Response.BAD_EXTENSION, "Bad Extension");
    for (String tag : unsupported) {
      response.addHeader(headers.createUnsupportedHeader(tag));
    }
    return response;
  }

  Response methodNotAllowed(Request request) throws ParseException {
    Response response = create(request, Response.METHOD_NOT_ALLOWED, null);
    addAllow(response);
    return response;
  }

  private void addAllow(Response response) throws ParseException {
    for (String method : ALLOWED) {
      response.addHeader(headers.createAllowHeader(method));
    }
  }

  Response retryLater(Request request, int seconds)
      throws ParseException, InvalidArgumentException {
    Response response = create(request, Response.SERVICE_UNAVAILABLE, "Overloaded");
    response.addHeader(headers.createRetryAfterHeader(seconds));
    return response;
  }

  /**
   * One Contact per binding, written as text: the URIs were parsed when they were registered, and
   * parsing each again into an address object only to print it was a fifth of a redirect's cost.
   */
  private static void addContacts(
      Response response, List<Binding> bindings, Instant now, boolean withQ) {
    for (Binding binding : bindings) {
      StringBuilder value = new StringBuilder(binding.contactUri().length() + 32);
      value.append('<').append(binding.contactUri()).append('>');
      if (withQ || binding.qMillis() != 1000) {
        value.append(";q=").append(qValue(binding.qMillis()));
      }
      value.append(";expires=").append(Math.min(Integer.MAX_VALUE, binding.remainingSeconds(now)));
      ExtensionHeaderImpl contact = new ExtensionHeaderImpl(ContactHeader.NAME);
      contact.setValue(value.toString());
      response.addHeader(contact);
    }
  }

  /** A q-value as RFC 3261 writes it: 1.0, 0.5, 0.25, 0.125 ... */
  static String qValue(int millis) {
    if (millis >= 1000) {
      return "1.0";
    }
    if (millis <= 0) {
      return "0.0";
    }
    String digits = Integer.toString(1000 + millis).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return "0." + digits.substring(0, end);
  }
}
