package io.voxhost.cnam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream provider on loopback (the JDK's HTTP server), playing per number what the test asks:
 * a name, a status, garbage, a body without end, an answer held back. A request's number is the
 * last segment of its path without its {@code +}, so {@code /p/%2B14155550100} and {@code
 * /p/14155550100} play alike. Counts requests per path prefix and number.
 */
public final class FakeProvider implements AutoCloseable {

  /** What the fake does with one request. */
  @FunctionalInterface
  public interface Play {
    void answer(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Play> plays = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
  private final Map<String, String> lastRawPath = new ConcurrentHashMap<>();

  public FakeProvider() throws IOException {
    this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
  }

  /** Serves on {@code server} (an HttpsServer for TLS tests), which it starts. */
  public FakeProvider(HttpServer server) {
    this.server = server;
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code scheme://127.0.0.1:port/prefix/{number}}. */
  public String url(String scheme, String prefix, String placeholder) {
    return scheme + "://127.0.0.1:" + port() + "/" + prefix + "/" + placeholder;
  }

  /** Plays {@code play} for {@code number} (E.164, with or without +). */
  public void play(String number, Play play) {
    plays.put(digits(number), play);
  }

  /** Plays {@code play} for {@code number} at URLs under {@code /prefix/} only. */
  public void play(String prefix, String number, Play play) {
    plays.put(prefix + " " + digits(number), play);
  }

  /** How many requests reached {@code prefix} for {@code number}. */
  public int requests(String prefix, String number) {
    AtomicInteger n = requests.get(prefix + " " + digits(number));
    return n == null ? 0 : n.get();
  }

  public String authorization(String prefix, String number) {
    return lastAuthorization.get(prefix + " " + digits(number));
  }

  public String rawPath(String prefix, String number) {
    return lastRawPath.get(prefix + " " + digits(number));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] parts = path.split("/");
    String prefix = parts.length > 1 ? parts[1] : "";
    String number = digits(parts[parts.length - 1]);
    String key = prefix + " " + number;
    requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      lastAuthorization.put(key, auth);
    }
    lastRawPath.put(key, exchange.getRequestURI().getRawPath());
    try {
      Play play = plays.get(key);
      (play != null ? play : plays.getOrDefault(number, status(404))).answer(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (a reset after its timeout, or a body too long): expected
    } finally {
      exchange.close();
    }
  }

  private static String digits(String number) {
    return number.startsWith("+") ? number.substring(1) : number;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  // ---- plays ----

  /** {@code {"name": name}} (or any object given as a map), 200. */
  public static Play json(Object body) {
    return exchange -> body(exchange, 200, JSON.writeValueAsBytes(body));
  }

  public static Play name(String name) {
    return json(Map.of("name", name));
  }

  /** {@code raw} as the body, 200. */
  public static Play raw(String raw) {
    return exchange -> body(exchange, 200, raw.getBytes(StandardCharsets.UTF_8));
  }

  public static Play status(int status) {
    return exchange -> body(exchange, status, "{}".getBytes(StandardCharsets.UTF_8));
  }

  /** {@code then} after {@code delay}. */
  public static Play slow(Duration delay, Play then) {
    return exchange -> {
      Thread.sleep(delay.toMillis());
      then.answer(exchange);
    };
  }

  /** {@code then} once {@code latch} is released (at most 10 s). */
  public static Play held(CountDownLatch latch, Play then) {
    return exchange -> {
      latch.await(10, TimeUnit.SECONDS);
      then.answer(exchange);
    };
  }

  /** A chunked 200 that goes on until the client hangs up (at most 10 s). */
  public static Play endless() {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = ("{\"name\":\"" + "x".repeat(1000)).getBytes(StandardCharsets.UTF_8);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      try (OutputStream out = exchange.getResponseBody()) {
        while (System.nanoTime() < until) {
          out.write(chunk);
          out.flush();
        }
      }
    };
  }

  private static void body(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
