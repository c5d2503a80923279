package io.voxhost.platform.testing;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte to the test application, from a chosen loopback
 * address: for paths that HTTP clients would tidy up before sending ({@code ..}, {@code %2e}), and
 * for sources other than 127.0.0.1 (a second client, an untrusted proxy).
 */
public final class RawHttp {

  private RawHttp() {}

  /** What came back: the status and the whole text after the status line. */
  public record Answer(int status, String rest) {}

  /**
   * Sends {@code method target} with the given extra header lines ("Name: value") from {@code from}
   * (an address in 127.0.0.0/8) to the application's port on 127.0.0.1.
   */
  public static Answer send(String from, String method, String target, String... headers) {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: localhost\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      String answer =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int space = answer.indexOf(' ');
      if (!answer.startsWith("HTTP/1.1 ") || space < 0) {
        throw new IllegalStateException("not an HTTP answer: " + answer);
      }
      return new Answer(
          Integer.parseInt(answer.substring(space + 1, space + 4)), answer.substring(space + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
