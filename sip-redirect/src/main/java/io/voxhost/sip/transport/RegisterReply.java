package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import javax.sip.message.Response;

/**
 * The one answer to a REGISTER, remembered as it is sent so that its retransmissions get it again.
 * Whatever path answers (refusal, commit, overload, failure), it goes through here: an answer sent
 * any other way would leave the request pending and its retransmissions unanswered.
 */
final class RegisterReply {

  private final String key;
  private final ResponseChannel channel;
  private final RecentAnswers memory;
  private final Replies replies;

  RegisterReply(String key, ResponseChannel channel, RecentAnswers memory, Replies replies) {
    this.key = key;
    this.channel = channel;
    this.memory = memory;
    this.replies = replies;
  }

  /** The response as it will be sent, made ahead so that sending it later costs only the send. */
  byte[] encode(Response response) {
    return channel.encode(response);
  }

  void send(Response response) throws IOException, ParseException {
    send(response.getStatusCode(), channel.encode(response));
  }

  void send(int status, byte[] encoded) throws IOException, ParseException {
    memory.remember(key, encoded);
    replies.send(channel, status, encoded);
  }
}
