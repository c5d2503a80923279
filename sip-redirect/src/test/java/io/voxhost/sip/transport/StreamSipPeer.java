package io.voxhost.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One TCP or TLS connection to the SIP role, as a phone keeps it: messages written as text, answers
 * read back one framed message at a time.
 */
final class StreamSipPeer implements AutoCloseable {

  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^(?:Content-Length|l)[ \\t]*:[ \\t]*(\\d+)");

  private final Socket socket;
  private final InputStream in;

  private StreamSipPeer(Socket socket) throws IOException {
    this.socket = socket;
    this.socket.setSoTimeout(5000);
    this.in = socket.getInputStream();
  }

  /** A TCP connection from {@code source} to the role's port. */
  static StreamSipPeer tcp(InetAddress source, int port) throws IOException {
    return new StreamSipPeer(new Socket(InetAddress.getLoopbackAddress(), port, source, 0));
  }

  /** A TLS connection from {@code source}, its handshake done, trusting what {@code tls} does. */
  static StreamSipPeer tls(SSLContext tls, InetAddress source, int port) throws IOException {
    Socket plain = new Socket(InetAddress.getLoopbackAddress(), port, source, 0);
    SSLSocket socket =
        (SSLSocket)
            tls.getSocketFactory().createSocket(plain, "127.0.0.1", port, /* autoClose= */ true);
    socket.setSoTimeout(5000);
    socket.startHandshake();
    return new StreamSipPeer(socket);
  }

  int localPort() {
    return socket.getLocalPort();
  }

  String localAddress() {
    return ((InetSocketAddress) socket.getLocalSocketAddress()).getAddress().getHostAddress();
  }

  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** The next message, head and body; null when the connection ended or stayed silent. */
  String read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.write(b);
      }
      String text = head.toString(StandardCharsets.UTF_8);
      Matcher length = CONTENT_LENGTH.matcher(text);
      int body = length.find() ? Integer.parseInt(length.group(1)) : 0;
      return text + new String(in.readNBytes(body), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException | SocketException silence) {
      return null;
    }
  }

  /** Exactly {@code n} bytes as text, or what came before the connection ended. */
  String readBytes(int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
  }

  /** Whether the server closes the connection within {@code wait}. */
  boolean closedWithin(Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // go on waiting
      } catch (IOException resetOrTlsAlert) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
