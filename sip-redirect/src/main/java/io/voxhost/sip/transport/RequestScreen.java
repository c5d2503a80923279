package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The checks a UAS makes before any flow sees a request (RFC 3261 8.2.2), in the RFC's order: a
 * Request-URI scheme we do not know is 416 (8.2.2.1), a Require naming an extension we lack is 420
 * with an Unsupported header per extension (8.2.2.3). ACK is never answered and CANCEL never
 * refused for its Require.
 */
final class RequestScreen {

  /** URI schemes a request may be addressed with; {@code tel} reaches the flows (as a 400). */
  static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");

  /** Option tags we support, as the OPTIONS answer's Supported lists them. */
  static final Set<String> EXTENSIONS = Set.of("path", "outbound");

  private final SipResponses responses;
  private final Replies replies;

  RequestScreen(SipResponses responses, Replies replies) {
    this.responses = responses;
    this.replies = replies;
  }

  /** Whether the request was refused here (and the refusal sent). */
  boolean refused(Request request, ResponseChannel channel) throws IOException, ParseException {
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      return false;
    }
    String scheme = request.getRequestURI().getScheme();
    if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
      replies.send(
          channel,
          responses.create(request, Response.UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme"));
      return true;
    }
    if (Request.CANCEL.equals(method)) {
      return false;
    }
    List<String> unsupported = unsupported(request);
    if (!unsupported.isEmpty()) {
      replies.send(channel, responses.badExtension(request, unsupported));
      return true;
    }
    return false;
  }

  /** The option tags of every Require header that we do not support, as written. */
  private static List<String> unsupported(Request request) {
    List<String> tags = new ArrayList<>();
    for (Iterator<?> it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
      Object header = it.next();
      String tag =
          header instanceof RequireHeader require
              ? require.getOptionTag()
              : header.toString().substring(header.toString().indexOf(':') + 1).strip();
      if (tag != null
          && !tag.isBlank()
          && !EXTENSIONS.contains(tag.strip().toLowerCase(Locale.ROOT))
          && !tags.contains(tag.strip())) {
        tags.add(tag.strip());
      }
    }
    return tags;
  }
}
