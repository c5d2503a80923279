package io.voxhost.phones.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The coordinator's and agents' wire: one JSON object a line, UTF-8, each line at most {@code
 * maxLine} bytes (a longer one ends the connection), each read waited for at most a given time.
 */
final class JsonLines implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int maxLine;

  JsonLines(Socket socket, int maxLine) throws IOException {
    this.socket = socket;
    this.in = new java.io.BufferedInputStream(socket.getInputStream(), 65_536);
    this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 65_536);
    this.maxLine = maxLine;
  }

  void send(Object message) throws IOException {
    out.write(JSON.writeValueAsBytes(message));
    out.write('\n');
    out.flush();
  }

  /** The next line's object, waited for at most {@code timeout}. */
  JsonNode receive(Duration timeout) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("the peer closed the connection");
        }
        if (b == '\n') {
          break;
        }
        if (line.size() >= maxLine) {
          throw new IOException("a line longer than " + maxLine + " bytes");
        }
        line.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw new SocketTimeoutException("no answer in " + timeout);
    }
    JsonNode node = JSON.readTree(new String(line.toByteArray(), StandardCharsets.UTF_8));
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object");
    }
    return node;
  }

  String peer() {
    return socket.getRemoteSocketAddress().toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
