package io.voxhost.platform.testing;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one POST with a large body to the test application over a plain socket, with a declared
 * length or chunked, and reads the answer while the body is still being written: a server that
 * refuses early answers and closes before the client is done, which an ordinary HTTP client reports
 * as a broken pipe instead of the answer.
 */
public final class BodySender {

  private static final int CHUNK = 65_536;

  /** A caller-name directory row, 36 bytes: a million make the 36 MB an import must take. */
  public static final String LINE = "+14155550123,Acme Plumbing Services\n";

  private BodySender() {}

  /** The status, the header block and the body text of the answer. */
  public record Answer(int status, String head, String body) {}

  /**
   * Sends {@code size} bytes of CSV-like lines to {@code path}; with {@code declared} a {@code
   * Content-Length}, otherwise chunked. With {@code stopAfter} less than {@code size}, writes only
   * that many bytes of the body and then waits for the answer (the server is expected to answer
   * without the rest).
   */
  public static Answer post(
      String path, String apiKey, long size, boolean declared, long stopAfter) {
    return post(path, apiKey, LINE, size, declared, stopAfter);
  }

  /** As {@link #post(String, String, long, boolean, long)}, the body made of {@code line} again. */
  public static Answer post(
      String path, String apiKey, String line, long size, boolean declared, long stopAfter) {
    StringBuilder head = new StringBuilder();
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\n");
    head.append("Authorization: Bearer ").append(apiKey).append("\r\n");
    head.append("Content-Type: text/csv\r\n");
    head.append(declared ? "Content-Length: " + size : "Transfer-Encoding: chunked").append("\r\n");
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
      socket.setSoTimeout(60_000);
      CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        writeBody(out, line, Math.min(size, stopAfter), declared, stopAfter >= size);
        out.flush();
      } catch (IOException e) {
        // The server answered and closed before the body was all sent: read what it said.
      }
      byte[] bytes = answer.get(60, TimeUnit.SECONDS);
      return parse(new String(bytes, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeBody(
      OutputStream out, String text, long bytes, boolean declared, boolean complete)
      throws IOException {
    byte[] line = text.getBytes(StandardCharsets.US_ASCII);
    // Whole lines in every block, so the body is the line again and again.
    int blockSize = Math.max(1, CHUNK / line.length) * line.length;
    byte[] block = new byte[blockSize];
    for (int i = 0; i < blockSize; i++) {
      block[i] = line[i % line.length];
    }
    long left = bytes;
    while (left > 0) {
      int n = (int) Math.min(blockSize, left);
      if (!declared) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write(n == blockSize ? block : Arrays.copyOf(block, n));
      if (!declared) {
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      left -= n;
    }
    if (!declared && complete) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static byte[] readAll(Socket socket) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        got.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // A reset after the answer: keep what arrived.
    }
    return got.toByteArray();
  }

  private static Answer parse(String text) {
    if (!text.startsWith("HTTP/1.1 ")) {
      throw new IllegalStateException("not an HTTP answer: '" + text + "'");
    }
    int status = Integer.parseInt(text.substring(9, 12));
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 4);
    if (head.toLowerCase().contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Answer(status, head, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int eol = chunked.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      int n = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
      if (n == 0) {
        break;
      }
      out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + n));
      at = eol + 2 + n + 2;
    }
    return out.toString();
  }
}
