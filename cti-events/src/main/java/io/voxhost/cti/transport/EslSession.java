package io.voxhost.cti.transport;

import io.netty.channel.ChannelHandlerContext;
import io.voxhost.cti.service.EventStreams;
import io.voxhost.cti.service.FreeSwitchEsl;
import io.voxhost.cti.service.SwitchLink;
import io.voxhost.cti.service.SwitchLinks;

/**
 * A connection to FreeSWITCH's event socket (inbound mode): answer {@code auth/request} with {@code
 * auth} (or {@code userauth} when the link has a user), ask for the events call records need as
 * JSON, then take each {@code text/event-json} body as one event.
 */
final class EslSession extends SwitchSession {

  private enum Phase {
    AUTH,
    AUTH_REPLY,
    SUBSCRIBE_REPLY,
    EVENTS
  }

  private Phase phase = Phase.AUTH;

  EslSession(SwitchLink link, SwitchLinks links, EventStreams streams, int batch) {
    super(link, links, streams, batch);
  }

  @Override
  protected EventStreams.Format format() {
    return EventStreams.Format.ESL_JSON;
  }

  @Override
  protected String keepAlive() {
    return "api uptime\n\n";
  }

  @Override
  protected void read(ChannelHandlerContext ctx, Object msg) {
    EslFrameDecoder.Frame frame = (EslFrameDecoder.Frame) msg;
    String type = frame.contentType();
    if (type.equalsIgnoreCase("text/rude-rejection")) {
      refusedBy(ctx, "rejected by its ACL: " + printable(frame.body()));
      return;
    }
    if (type.equalsIgnoreCase("text/disconnect-notice")) {
      fail(ctx, "FreeSWITCH said goodbye");
      return;
    }
    switch (phase) {
      case AUTH -> {
        if (type.equalsIgnoreCase("auth/request")) {
          phase = Phase.AUTH_REPLY;
          ctx.writeAndFlush(
              link.username()
                  .map(user -> "userauth " + user + ":" + link.secret() + "\n\n")
                  .orElse("auth " + link.secret() + "\n\n"));
        }
      }
      case AUTH_REPLY -> {
        if (type.equalsIgnoreCase("command/reply")) {
          String reply = frame.headers().getOrDefault("Reply-Text", "");
          if (!reply.startsWith("+OK")) {
            refusedBy(ctx, printable(reply));
            return;
          }
          phase = Phase.SUBSCRIBE_REPLY;
          ctx.writeAndFlush("event json " + FreeSwitchEsl.EVENTS + "\n\n");
        }
      }
      case SUBSCRIBE_REPLY -> {
        if (type.equalsIgnoreCase("command/reply")) {
          String reply = frame.headers().getOrDefault("Reply-Text", "");
          if (!reply.startsWith("+OK")) {
            fail(ctx, "refused the events: " + printable(reply));
            return;
          }
          phase = Phase.EVENTS;
          signedIn(ctx);
        }
      }
      case EVENTS -> {
        if (type.equalsIgnoreCase("text/event-json")) {
          event(ctx, frame.body());
        }
      }
    }
  }
}
