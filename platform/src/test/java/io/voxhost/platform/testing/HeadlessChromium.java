package io.voxhost.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless {@code chromium} driven over the DevTools protocol (a WebSocket on loopback),
 * so that a test can type into the page and read its state as a person's browser would have it. One
 * process, one profile and one tab per instance: session storage starts empty.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, String debuggerUrl) throws Exception {
    this.process = process;
    this.socket =
        HttpClient.newBuilder()
            .connectTimeout(CALL_TIMEOUT)
            .build()
            .newWebSocketBuilder()
            .connectTimeout(CALL_TIMEOUT)
            .buildAsync(URI.create(debuggerUrl), new Replies())
            .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts Chromium with a fresh profile under {@code profile} and attaches to its tab. */
  public static HeadlessChromium start(Path profile) throws Exception {
    Process process =
        new ProcessBuilder(
                List.of(
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--user-data-dir=" + profile,
                    "--autoplay-policy=no-user-gesture-required",
                    "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0",
                    "about:blank"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      // With port 0 Chromium picks a free one and writes it to the profile's first line.
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
      while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException("chromium did not open its debugging port");
        }
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
      HttpResponse<String> targets =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .timeout(CALL_TIMEOUT)
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      for (JsonNode target : new ObjectMapper().readTree(targets.body())) {
        if (target.path("type").asText().equals("page")) {
          return new HeadlessChromium(process, target.path("webSocketDebuggerUrl").asText());
        }
      }
      throw new IllegalStateException("chromium has no page: " + targets.body());
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Loads {@code url} afresh (by way of about:blank) and waits until it has loaded. */
  public void open(String url) throws Exception {
    call("Page.navigate", Map.of("url", "about:blank"));
    call("Page.navigate", Map.of("url", url));
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    while (true) {
      try {
        if ("complete".equals(text("location.href !== 'about:blank' && document.readyState"))) {
          return;
        }
      } catch (IllegalStateException e) {
        // Asked while the old document was going: ask the new one.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page did not load: " + url);
      }
      Thread.sleep(50);
    }
  }

  /** The value of a JavaScript expression in the page (a promise is awaited), as JSON. */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode reply =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (reply.has("exceptionDetails")) {
      throw new IllegalStateException(
          "the page threw: " + reply.path("exceptionDetails").toString());
    }
    return reply.path("result").path("value");
  }

  /** The text of a JavaScript expression's value, or null when it is null or undefined. */
  public String text(String expression) throws Exception {
    JsonNode value = evaluate(expression);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private JsonNode call(String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    waiting.put(id, reply);
    try {
      socket
          .sendText(
              json.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
          .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode answer = reply.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (answer.has("error")) {
        throw new IllegalStateException(method + ": " + answer.path("error"));
      }
      return answer.path("result");
    } finally {
      waiting.remove(id);
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    // Chromium's renderer and helper processes write to the profile too: all of them must be gone
    // before the test's temporary directory is removed.
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    process.destroy();
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        p.destroyForcibly();
        p.onExit().get(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Hands each reply to the call waiting for its id; events are let go. */
  private final class Replies implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        try {
          JsonNode reply = json.readTree(message.toString());
          CompletableFuture<JsonNode> call = waiting.get(reply.path("id").asInt(-1));
          if (call != null) {
            call.complete(reply);
          }
        } catch (Exception e) {
          waiting.values().forEach(c -> c.completeExceptionally(e));
        } finally {
          message.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
