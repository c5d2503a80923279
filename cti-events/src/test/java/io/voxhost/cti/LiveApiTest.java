package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The live stream: a board when it opens and when calls change, each call's changes, bounded. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LiveApiTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/v1/cti/live")
  URL live;

  /** One event of the stream. */
  record Event(String name, JsonNode data) {}

  /** A stream read on a thread of its own into a queue of events. */
  static final class Listener implements AutoCloseable {
    final int status;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;

    Listener(URI uri, String key) throws Exception {
      HttpResponse<Stream<String>> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri)
                      .header("Authorization", "Bearer " + key)
                      .header("Accept", "text/event-stream")
                      .timeout(PATIENCE)
                      .build(),
                  HttpResponse.BodyHandlers.ofLines());
      status = response.statusCode();
      lines = response.body();
      Thread reader =
          new Thread(
              () -> {
                String name = "message";
                StringBuilder data = new StringBuilder();
                try {
                  for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                      if (data.length() > 0) {
                        events.add(new Event(name, JSON.readTree(data.toString())));
                      }
                      name = "message";
                      data.setLength(0);
                    } else if (line.startsWith("event:")) {
                      name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      data.append(line.substring(5).strip());
                    }
                  }
                } catch (Exception e) {
                  // The stream was closed.
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** The next event that matches, within the test's patience. */
    Event next(String name, Predicate<JsonNode> matches) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      Event last = null;
      while (System.nanoTime() < deadline) {
        Event e = events.poll(100, TimeUnit.MILLISECONDS);
        if (e != null && e.name().equals(name)) {
          if (matches.test(e.data())) {
            return e;
          }
          last = e;
        }
      }
      throw new AssertionError(
          "no " + name + " event that matches within " + PATIENCE + "; the last was " + last);
    }

    List<Event> drained() {
      List<Event> out = new java.util.ArrayList<>();
      events.drainTo(out);
      return out;
    }

    @Override
    public void close() {
      lines.close();
    }
  }

  private Listener listen(TenantKey t, String query) throws Exception {
    return new Listener(URI.create(live + query), t.key());
  }

  private static Map<String, Object> event(
      String id, Instant at, String type, String call, Map<String, String> more) {
    Map<String, Object> e = new HashMap<>(more);
    e.put("source", "switch");
    e.put("instance", "pbx1");
    e.put("id", id);
    e.put("at", at.toString());
    e.put("type", type);
    e.put("call", call);
    e.put("channel", call);
    return e;
  }

  static void send(TenantKey t, List<Map<String, Object>> events) {
    as(t.key()).body(events).post("/api/v1/cti/events").then().statusCode(200);
  }

  private static JsonNode queue(JsonNode board, String name) {
    for (JsonNode q : board.path("queues")) {
      if (q.path("queue").asText().equals(name)) {
        return q;
      }
    }
    return null;
  }

  @Test
  void aQueueCallShowsWaitingThenAnsweredThenInTodaysFigures() throws Exception {
    TenantKey t = ApiClient.newTenant("live");
    TenantKey other = ApiClient.newTenant("live-other");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES);
    try (Listener stream = listen(t, "?zone=UTC");
        Listener theirs = listen(other, "")) {
      assertThat(stream.status).isEqualTo(200);
      // The board, at once: nothing yet.
      assertThat(stream.next("board", b -> true).data().path("open")).isEmpty();

      send(
          t,
          List.of(
              event("1", start, "channel-start", "c1", Map.of("number", "+14155550100")),
              event("2", start.plusSeconds(1), "queue-enter", "c1", Map.of("queue", "support"))));
      // Each look tells the calls that changed, then the board.
      stream.next(
          "call",
          c ->
              c.path("state").asText().equals("open")
                  && c.path("queue").asText().equals("support"));
      JsonNode waiting =
          stream
              .next(
                  "board",
                  b ->
                      queue(b, "support") != null
                          && queue(b, "support").path("waiting").asInt() == 1)
              .data();
      assertThat(queue(waiting, "support").path("oldestWaitingSince").asText())
          .isEqualTo(start.plusSeconds(1).toString());
      assertThat(waiting.path("open")).hasSize(1);

      send(
          t,
          List.of(
              event(
                  "3",
                  start.plusSeconds(8),
                  "queue-connect",
                  "c1",
                  Map.of("queue", "support", "agent", "Agent Bob")),
              event("4", start.plusSeconds(40), "call-end", "c1", Map.of())));
      JsonNode ended = stream.next("call", c -> c.path("state").asText().equals("complete")).data();
      assertThat(ended.path("outcome").asText()).isEqualTo("answered");
      assertThat(ended.path("answeredBy").asText()).isEqualTo("Agent Bob");
      JsonNode counted =
          stream.next("board", b -> b.path("total").path("offered").asInt() == 1).data();
      assertThat(queue(counted, "support").path("waiting").asInt()).isZero();
      assertThat(queue(counted, "support").path("today").path("answered").asInt()).isEqualTo(1);
      assertThat(queue(counted, "support").path("today").path("asaMs").asLong()).isEqualTo(7000);
      assertThat(counted.path("open")).isEmpty();

      // The other tenant saw none of it.
      assertThat(theirs.drained())
          .allSatisfy(
              e -> {
                assertThat(e.name()).isEqualTo("board");
                assertThat(e.data().path("open")).isEmpty();
                assertThat(e.data().path("queues")).isEmpty();
              });
    }
  }

  @Test
  void streamsAreBoundedAndBadQueriesRefused() throws Exception {
    TenantKey t = ApiClient.newTenant("live-bounds");
    try (Listener one = listen(t, "");
        Listener two = listen(t, "")) {
      one.next("board", b -> true);
      two.next("board", b -> true);
      try (Listener three = listen(t, "")) {
        assertThat(three.status).isEqualTo(429);
      }
      // Another tenant's streams are its own.
      try (Listener theirs = listen(ApiClient.newTenant("live-free"), "")) {
        assertThat(theirs.status).isEqualTo(200);
      }
    }
    // Closed streams give their places back (the node notices when it next writes to them).
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try (Listener again = listen(t, "")) {
                return again.status == 200;
              }
            });
    try (Listener bad = listen(t, "?zone=Mars/Olympus")) {
      assertThat(bad.status).isEqualTo(400);
    }
    try (Listener bad = listen(t, "?treatment=generous")) {
      assertThat(bad.status).isEqualTo(400);
    }
  }
}
