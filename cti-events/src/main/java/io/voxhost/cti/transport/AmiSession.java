package io.voxhost.cti.transport;

import io.netty.channel.ChannelHandlerContext;
import io.voxhost.cti.service.EventStreams;
import io.voxhost.cti.service.SwitchLink;
import io.voxhost.cti.service.SwitchLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection to Asterisk's Manager Interface: its banner, {@code Action: Login} with the link's
 * user, secret and event classes, then event blocks (a blank line after each) into the event
 * writer. A block without {@code Timestamp} (manager.conf's {@code timestampevents = no}) gets the
 * time this node read it.
 */
final class AmiSession extends SwitchSession {

  private static final String BANNER = "Asterisk Call Manager/";

  private enum Phase {
    BANNER,
    LOGIN,
    EVENTS
  }

  private final Clock clock;
  private final Map<String, String> reply = new LinkedHashMap<>();
  private Phase phase = Phase.BANNER;
  private boolean blockHasTime;
  private boolean blockIsEvent;

  AmiSession(SwitchLink link, SwitchLinks links, EventStreams streams, int batch, Clock clock) {
    super(link, links, streams, batch);
    this.clock = clock;
  }

  @Override
  protected EventStreams.Format format() {
    return EventStreams.Format.AMI;
  }

  @Override
  protected String keepAlive() {
    return "Action: Ping\r\nActionID: voxhost-keep-alive\r\n\r\n";
  }

  @Override
  protected void read(ChannelHandlerContext ctx, Object msg) {
    String line = (String) msg;
    switch (phase) {
      case BANNER -> {
        if (!line.startsWith(BANNER)) {
          fail(ctx, "not an Asterisk Manager Interface: it said " + printable(line));
          return;
        }
        phase = Phase.LOGIN;
        ctx.writeAndFlush(
            "Action: Login\r\nActionID: voxhost-login\r\nUsername: "
                + link.username().orElseThrow()
                + "\r\nSecret: "
                + link.secret()
                + "\r\nEvents: "
                + link.amiEvents()
                + "\r\n\r\n");
      }
      case LOGIN -> login(ctx, line);
      case EVENTS -> events(ctx, line);
    }
  }

  private void login(ChannelHandlerContext ctx, String line) {
    if (!line.isBlank()) {
      int colon = line.indexOf(':');
      if (colon > 0 && reply.size() < 50) {
        reply.putIfAbsent(
            line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).strip());
      }
      return;
    }
    String response = reply.get("response");
    String message = printable(reply.getOrDefault("message", ""));
    reply.clear();
    if ("Success".equalsIgnoreCase(response)) {
      phase = Phase.EVENTS;
      signedIn(ctx);
    } else if ("Error".equalsIgnoreCase(response)) {
      refusedBy(ctx, message.isEmpty() ? "Response: Error" : message);
    } else if (response != null) {
      fail(ctx, "answered the login with Response: " + printable(response));
    }
  }

  private void events(ChannelHandlerContext ctx, String line) {
    if (line.isBlank()) {
      if (blockIsEvent && !blockHasTime) {
        Instant now = clock.instant();
        event(ctx, String.format("Timestamp: %d.%06d", now.getEpochSecond(), now.getNano() / 1000));
      }
      blockHasTime = false;
      blockIsEvent = false;
    } else if (startsWithName(line, "Timestamp:")) {
      blockHasTime = true;
    } else if (startsWithName(line, "Event:")) {
      blockIsEvent = true;
    }
    event(ctx, line);
  }

  private static boolean startsWithName(String line, String name) {
    return line.regionMatches(true, 0, name, 0, name.length());
  }
}
