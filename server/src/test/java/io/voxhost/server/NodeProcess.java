package io.voxhost.server;

import io.voxhost.platform.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server run as its own process, the way an operator or systemd runs it. */
final class NodeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

  private final Process process;
  private final Path output;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int sipPort;
  private int port = -1;

  private NodeProcess(Process process, Path output, int sipPort) {
    this.process = process;
    this.output = output;
    this.sipPort = sipPort;
  }

  /** Starts {@code java -jar quarkus-run.jar} with the given system properties, on a free port. */
  static NodeProcess start(Path workDir, Map<String, String> properties) throws IOException {
    return start(workDir, properties, Map.of(), false);
  }

  /**
   * As {@link #start(Path, Map)}, with more environment variables; with {@code journal}, {@code
   * JOURNAL_STREAM} names the output file, as systemd names the journal's stream.
   */
  static NodeProcess start(
      Path workDir,
      Map<String, String> properties,
      Map<String, String> environment,
      boolean journal)
      throws IOException {
    String jar = System.getProperty("voxhost.it.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException(
          "voxhost.it.jar does not point at the packaged server: " + jar);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dquarkus.http.port=0");
    command.add("-Dquarkus.http.host=127.0.0.1");
    int sipPort = FreePorts.udpAndTcp();
    if (!properties.containsKey("voxhost.sip.listen")) {
      command.add("-Dvoxhost.sip.listen=127.0.0.1:" + sipPort);
    }
    if (!properties.containsKey("voxhost.tftp.listen")) {
      command.add("-Dvoxhost.tftp.listen=127.0.0.1:" + FreePorts.udpAndTcp());
    }
    if (!properties.containsKey("voxhost.cti.stream-listen")) {
      command.add("-Dvoxhost.cti.stream-listen=127.0.0.1:0");
    }
    // Most node tests are about something else than a node's first seconds: the warm-ups' CPU
    // would only slow them. The SIP interop and phone fleet tests keep them on, as a node starts.
    for (String warmUp : List.of("voxhost.sip.warm-up", "voxhost.tftp.warm-up")) {
      if (!properties.containsKey(warmUp)) {
        command.add("-D" + warmUp + "=0s");
      }
    }
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(jar);
    Files.createDirectories(workDir);
    Path output = Files.createTempFile(workDir, "node-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    if (journal) {
      builder
          .environment()
          .put(
              "JOURNAL_STREAM",
              Files.getAttribute(output, "unix:dev")
                  + ":"
                  + Files.getAttribute(output, "unix:ino"));
    }
    Process process = builder.start();
    return new NodeProcess(process, output, sipPort);
  }

  /** Waits for the HTTP port and then for readiness; returns the milliseconds it took. */
  long awaitReady(Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "node exited with " + process.exitValue() + ":\n" + output());
      }
      if (port < 0) {
        Matcher m = LISTENING.matcher(output());
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      if (port > 0 && get("/q/health/ready").statusCode() == 200) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("node not ready within " + timeout + ":\n" + output());
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET(), null);
  }

  HttpResponse<String> get(String path, String key) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET(), key);
  }

  HttpResponse<String> post(String path, String key, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        key);
  }

  HttpResponse<String> put(String path, String key, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)),
        key);
  }

  /** Sends SIGHUP, as {@code systemctl reload} does (ProcessHandle sends only TERM and KILL). */
  void hangUp() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
    }
  }

  /** Sends SIGTERM and waits for the process to end; returns its exit code. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("node did not stop within " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** Waits for a process that is expected to fail on its own. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("node still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** The loopback UDP and TCP port of the node's SIP role. */
  int sipPort() {
    return sipPort;
  }

  int port() {
    return port;
  }

  boolean alive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /**
   * Creates a tenant whose SIP domain is {@code <slug>.example.net} with the given subscribers (one
   * password for all) and 127.0.0.1 as its trusted SIP peer, through the admin key and then the
   * tenant's own; returns the tenant's key.
   */
  String createSipTenant(String adminKey, String slug, String password, String... users)
      throws Exception {
    String body =
        "{\"slug\":\"" + slug + "\",\"name\":\"SIP\",\"sipDomain\":\"" + slug + ".example.net\"}";
    HttpResponse<String> created = post("/api/v1/admin/tenants", adminKey, body);
    if (created.statusCode() != 201) {
      throw new IllegalStateException("tenant not created: " + created.body());
    }
    String issued =
        post("/api/v1/admin/tenants/" + slug + "/keys", adminKey, "{\"label\":\"it\"}").body();
    String key = issued.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    for (String user : users) {
      String subscriber = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
      HttpResponse<String> made = post("/api/v1/sip/subscribers", key, subscriber);
      if (made.statusCode() != 201) {
        throw new IllegalStateException("subscriber not created: " + made.body());
      }
    }
    // The tests' SIP clients run on this host: as the tenant's trusted peer, their INVITEs get
    // the real answers (302, 404, 480) rather than a challenge.
    HttpResponse<String> peer = post("/api/v1/sip/peers", key, "{\"network\":\"127.0.0.1/32\"}");
    if (peer.statusCode() != 201) {
      throw new IllegalStateException("peer not declared: " + peer.body());
    }
    return key;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
    request.timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
