package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Open capture sessions: made with one port per leg, ended by a stop request, by no RTP for {@code
 * idle-timeout}, or by {@code max-duration}, then queued for assembly ({@link AssemblyQueue}).
 */
@ApplicationScoped
public class Sessions {

  private static final Logger LOG = Logger.getLogger(Sessions.class);
  private static final int MAX_LEGS = 16;

  /** How often open sessions are checked for silence and length. */
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

  /** A sweep that keeps failing is tried again at least this often. */
  private static final Duration SWEEP_MAX_BACKOFF = Duration.ofSeconds(10);

  private final RecordingConfig config;
  private final LegReceivers endpoint;
  private final RecordingFiles files;
  private final AssemblyQueue assembly;
  private final RecordingStore recordings;
  private final ObjectMapper json;
  private final CaptureClock clock;
  private final DatabaseOutages outages;
  private final Map<UUID, CaptureSession> open = new ConcurrentHashMap<>();

  /** Sessions open (or being opened) per tenant on this node, for its limit. */
  private final Map<UUID, Integer> perTenant = new ConcurrentHashMap<>();

  private final StorageFloor storage;
  private final RecordingLimits limits;
  private final Counter tenantRefusals;
  private final RoleThreads threads;
  private ScheduledExecutorService sweeper;
  private RepeatingWork sweeps;
  private volatile boolean draining;

  Sessions(
      RecordingConfig config,
      LegReceivers endpoint,
      RecordingFiles files,
      AssemblyQueue assembly,
      RecordingStore recordings,
      ObjectMapper json,
      CaptureClock clock,
      Meters registry,
      RoleThreads threads,
      DatabaseOutages outages,
      StorageFloor storage,
      RecordingLimits limits) {
    this.storage = storage;
    this.limits = limits;
    this.tenantRefusals =
        registry.counter(
            MeterName.of("recording", "tenant_session_refusals"),
            "Capture sessions refused (429) for their tenant's limit of open sessions on a node");
    this.threads = threads;
    this.outages = outages;
    this.clock = clock;
    this.config = config;
    this.endpoint = endpoint;
    this.files = files;
    this.assembly = assembly;
    this.recordings = recordings;
    this.json = json;
    registry.gauge(
        MeterName.of("recording", "sessions_open"), "Capture sessions receiving RTP", open::size);
  }

  public synchronized void start() {
    draining = false;
    sweeper = threads.timer("recording", "sweeper", 1);
    sweeps =
        threads
            .repeat(
                sweeper, "recording", "session-sweep", SWEEP_EVERY, SWEEP_MAX_BACKOFF, this::sweep)
            .start();
  }

  /** Ends every open session (they are assembled like any other) and stops sweeping. */
  public synchronized void stop() {
    if (sweeps != null) {
      sweeps.cancel();
      sweeps = null;
    }
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
    List<CompletableFuture<Void>> ends = new ArrayList<>();
    for (CaptureSession s : open.values()) {
      ends.add(end(s, "shutdown"));
    }
    CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
  }

  /**
   * Takes no new session from now on and ends every open one as a stop request does (each is then
   * assembled); returns when their sockets and spools are closed, or at the deadline.
   */
  public int drain(Instant deadline) throws InterruptedException {
    draining = true;
    List<CompletableFuture<Void>> ends = new ArrayList<>();
    for (CaptureSession s : open.values()) {
      ends.add(end(s, "drain"));
    }
    long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    try {
      CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
          .get(left, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warnf("Not every session closed while draining: %s", e.toString());
    }
    return ends.size();
  }

  /** The address a session's answer tells the media server to send to. */
  public String advertisedHost() {
    return endpoint.advertisedHost();
  }

  public int openCount() {
    return open.size();
  }

  public CaptureSession create(UUID tenantId, SessionRequest request) {
    List<String> labels = validate(request);
    List<Optional<IpNetwork>> sources = sources(request, labels.size());
    if (draining) {
      throw new CapacityExhausted("this node is shutting down: open the session on another node");
    }
    if (open.size() >= config.maxSessions()) {
      throw new CapacityExhausted("too many recording sessions open on this node");
    }
    storage.admit("session", 0).close(); // a capture's size is not known: only the floor
    reserve(tenantId);
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    List<CapturedLeg> legs = new ArrayList<>();
    boolean opened = false;
    try {
      RecordingFiles.createDirectories(files.spool(id));
      for (int i = 0; i < labels.size(); i++) {
        legs.add(endpoint.open(labels.get(i), i, sources.get(i), files.spool(id), clock));
      }
      Recording recording =
          new Recording(
              id,
              tenantId,
              request.callId(),
              request.from(),
              request.to(),
              request.direction(),
              request.codec(),
              "capture",
              RecordingStatus.IN_PROGRESS,
              false,
              now,
              null,
              null,
              null,
              null,
              null,
              legsJson(legs),
              json.writeValueAsString(request.metadata() == null ? Map.of() : request.metadata()),
              null,
              now,
              null,
              null);
      recordings.insert(recording);
      CaptureSession session = new CaptureSession(recording, legs, clock.nowMicros());
      open.put(id, session);
      opened = true;
      return session;
    } catch (IOException | RuntimeException e) {
      legs.forEach(endpoint::close);
      if (e instanceof IOException
          && e.getMessage() != null
          && e.getMessage().startsWith("No free")) {
        throw new CapacityExhausted("no free RTP port on this node");
      }
      throw new IllegalStateException("Could not open a recording session", e);
    } finally {
      if (!opened) {
        release(tenantId);
      }
    }
  }

  /**
   * Counts a session of the tenant's in, or refuses it when the tenant has its limit open on this
   * node: one tenant's calls cannot take every session and RTP port of a node from the others.
   */
  private void reserve(UUID tenantId) {
    int max = limits.maxSessions(tenantId);
    boolean[] taken = {false};
    perTenant.compute(
        tenantId,
        (k, n) -> {
          int count = n == null ? 0 : n;
          if (count >= max) {
            return n;
          }
          taken[0] = true;
          return count + 1;
        });
    if (!taken[0]) {
      tenantRefusals.increment();
      throw new TenantSessionLimit(
          "this tenant has "
              + max
              + " recording session(s) open on this node, its limit: stop one first");
    }
  }

  private void release(UUID tenantId) {
    perTenant.computeIfPresent(tenantId, (k, n) -> n <= 1 ? null : n - 1);
  }

  private static List<String> validate(SessionRequest r) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    if (r.codec() == null || !(r.codec().equals("PCMU") || r.codec().equals("PCMA"))) {
      problems.add(new InvalidInput.FieldProblem("codec", "must be PCMU or PCMA"));
    }
    List<String> labels = r.legLabels() == null ? List.of() : r.legLabels();
    if (labels.isEmpty() || labels.size() > MAX_LEGS) {
      problems.add(new InvalidInput.FieldProblem("legs", "1 to " + MAX_LEGS + " legs"));
    }
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (label == null || label.isBlank() || label.length() > 64 || !seen.add(label)) {
        problems.add(
            new InvalidInput.FieldProblem("legs", "each leg needs a label of its own, 1-64 chars"));
        break;
      }
    }
    for (var field :
        List.of(
            Map.entry("callId", r.callId() == null ? "" : r.callId()),
            Map.entry("from", r.from() == null ? "" : r.from()),
            Map.entry("to", r.to() == null ? "" : r.to()),
            Map.entry("direction", r.direction() == null ? "" : r.direction()))) {
      if (field.getValue().length() > 256) {
        problems.add(new InvalidInput.FieldProblem(field.getKey(), "at most 256 characters"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput("the session request is not valid", problems);
    }
    return labels;
  }

  /**
   * Each leg's expected source, read from the request: an address or CIDR network literal (a host
   * name is refused, not looked up), or none.
   */
  private static List<Optional<IpNetwork>> sources(SessionRequest r, int legs) {
    List<String> given = r.legSources() == null ? List.of() : r.legSources();
    List<Optional<IpNetwork>> sources = new ArrayList<>();
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < legs; i++) {
      String text = i < given.size() ? given.get(i) : null;
      if (text == null) {
        sources.add(Optional.empty());
        continue;
      }
      try {
        sources.add(Optional.of(IpNetwork.parse(text.strip())));
      } catch (IllegalArgumentException e) {
        problems.add(new InvalidInput.FieldProblem("legs[" + i + "].source", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput("the session request is not valid", problems);
    }
    return sources;
  }

  public Optional<CaptureSession> open(UUID tenantId, UUID id) {
    CaptureSession s = open.get(id);
    return s != null && s.recording().tenantId().equals(tenantId)
        ? Optional.of(s)
        : Optional.empty();
  }

  /** Ends a session: true if this call ended it, false if it was already ending or gone. */
  public boolean stop(UUID tenantId, UUID id, String reason) {
    Optional<CaptureSession> s = open(tenantId, id);
    if (s.isEmpty() || !s.get().beginStop(reason)) {
      return false;
    }
    close(s.get());
    return true;
  }

  private CompletableFuture<Void> end(CaptureSession s, String reason) {
    if (!s.beginStop(reason)) {
      return CompletableFuture.completedFuture(null);
    }
    return close(s);
  }

  private CompletableFuture<Void> close(CaptureSession s) {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (CapturedLeg leg : s.legs()) {
      closing.add(endpoint.close(leg));
    }
    // Runs on the RTP loop that closed the last leg (or on the caller, if all were closed): nothing
    // here may block, so what may (the spool's mark, the row) runs on the assembly worker, first.
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
        .thenRun(
            () -> {
              if (open.remove(s.recording().id()) != null) {
                release(s.recording().tenantId());
              }
              LOG.debugf("Recording %s ended: %s", s.recording().id(), s.stopReason());
              assembly.submit(
                  s.recording(),
                  s.legs().stream().map(CapturedLeg::label).toList(),
                  () -> ended(s));
            });
  }

  /**
   * What follows a capture's end, on an assembly worker before its assembly: the spool marked ended
   * (so that a crash before the assembly is over is not taken for one during the capture, whatever
   * the row says), then the row marked {@code processing}. Neither failing stops the assembly,
   * which writes the final row anyway. While the database was just found away the row is not asked
   * for (it would hold the worker for the deadline again), as {@link Completions} does.
   */
  private void ended(CaptureSession s) {
    UUID id = s.recording().id();
    try {
      files.markEnded(id, s.stopReason());
    } catch (IOException e) {
      LOG.warnf("Recording %s: could not mark its spool ended: %s", id, e.toString());
    }
    if (outages.recentlyAway()) {
      outages.refused("recording", "session-end");
      return;
    }
    try {
      recordings.status(id, RecordingStatus.PROCESSING);
      outages.answered();
    } catch (RuntimeException e) {
      if (DatabaseFailure.isOutage(e)) {
        outages.stopped("recording", "session-end");
      }
      LOG.warnf("Recording %s: %s", id, e.toString());
    }
  }

  /**
   * Ends the sessions that were silent or open too long. One that cannot be ended does not keep the
   * others open; the first failure is thrown once all were tried, so that the sweeps back off
   * ({@link RepeatingWork}) and the failure is counted.
   */
  private void sweep() {
    long now = clock.nowMicros();
    long idle = config.idleTimeout().toNanos() / 1000;
    long longest = config.maxDuration().toNanos() / 1000;
    RuntimeException failure = null;
    for (CaptureSession s : open.values()) {
      try {
        if (now - s.openedMicros() > longest) {
          end(s, "max-duration");
        } else if (now - s.lastActivityMicros() > idle) {
          end(s, "idle");
        }
      } catch (RuntimeException e) {
        LOG.warnf("Recording %s: %s", s.recording().id(), e.toString());
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Labels and ports, as the row holds them while capture runs. */
  String legsJson(List<CapturedLeg> legs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CapturedLeg leg : legs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", leg.label());
      m.put("port", leg.port());
      out.add(m);
    }
    try {
      return json.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
