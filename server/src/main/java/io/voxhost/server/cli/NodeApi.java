package io.voxhost.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node's HTTP API as the admin commands call it: every call bounded by one timeout. */
final class NodeApi {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  NodeApi(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  URI base() {
    return base;
  }

  Answer get(String path, Optional<String> key) throws Unreachable {
    return send(request(path, key).GET());
  }

  Answer post(String path, String key, Object body) throws Unreachable {
    try {
      return send(
          request(path, Optional.of(key))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the request: " + e.getMessage(), e);
    }
  }

  Answer delete(String path, String key) throws Unreachable {
    return send(request(path, Optional.of(key)).DELETE());
  }

  private HttpRequest.Builder request(String path, Optional<String> key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Accept", "application/json");
    key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
    return request;
  }

  private Answer send(HttpRequest.Builder request) throws Unreachable {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      throw new Unreachable("no answer from " + base + " within " + timeout.toSeconds() + "s");
    } catch (ConnectException e) {
      throw new Unreachable("nothing answers at " + base + " (connection refused)");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new Unreachable("cannot reach " + base + ": " + why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while calling " + base);
    }
  }

  /** An HTTP answer: its status and body. */
  record Answer(int status, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("the node's answer is not JSON: " + e.getMessage(), e);
      }
    }

    /** An error answer in one line: the problem's title, detail and offending fields. */
    String problem() {
      JsonNode problem;
      try {
        problem = JSON.readTree(body);
      } catch (IOException e) {
        problem = null;
      }
      if (problem == null || !problem.isObject()) {
        return "HTTP "
            + status
            + (body.isBlank() ? "" : ": " + body.strip().replaceAll("\\s+", " "));
      }
      List<String> parts = new ArrayList<>();
      parts.add(problem.path("title").asText("HTTP " + status));
      String detail = problem.path("detail").asText("");
      if (!detail.isBlank()) {
        parts.add(detail);
      }
      // The detail often says what the one offending field says already.
      for (JsonNode error : problem.path("errors")) {
        String message = error.path("message").asText();
        String field = error.path("field").asText() + ": " + message;
        if (!detail.contains(message)) {
          parts.add(field);
        }
      }
      return String.join(": ", parts) + " (HTTP " + status + ")";
    }
  }

  /** The node did not answer; the message says where and why, in one line. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message, null, false, false);
    }
  }
}
