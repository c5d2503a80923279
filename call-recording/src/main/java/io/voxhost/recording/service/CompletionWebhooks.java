package io.voxhost.recording.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The completion webhook: a JSON notice POSTed to the tenant's URL when a recording completes,
 * signed with its secret and a timestamp ({@link #SIGNATURE}), with a 5 s connect and 10 s answer
 * timeout, retried with exponential back-off ({@code webhook-retry-base}, doubling, {@code
 * webhook-attempts} in all) on anything but a 2xx.
 *
 * <p>Each tenant has its own lane ({@link NoticeLanes}): at most {@code webhook-tenant-queue}
 * notices held and {@code webhook-tenant-sends} being sent, so a receiver that never answers holds
 * only its own tenant's notices; the node holds at most {@code webhook-queue} and sends {@code
 * webhook-sends} at once. Before each attempt the URL's host is resolved once and every address
 * checked ({@link WebhookTargets}); the send goes to the checked address. Logs show URLs without
 * their userinfo or query. Nothing here ever blocks capture or assembly.
 */
@ApplicationScoped
public class CompletionWebhooks {

  /** The signature header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
  public static final String SIGNATURE = "X-Voxhost-Signature";

  private static final Logger LOG = Logger.getLogger(CompletionWebhooks.class);

  private final RecordingConfig config;
  private final TenantSettings settings;
  private final WebhookTargets targets;
  private final NoticeSender sender;
  private final ObjectMapper json;
  private final RoleThreads threads;
  private final Clock clock;

  /**
   * Replaced, not cleared, by {@link #stop}: a send still in flight from before the stop ends on
   * the lanes it was started from, so it cannot take a slot off a new lane of the same tenant.
   */
  private volatile NoticeLanes lanes;

  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Meters registry;
  private ScheduledExecutorService timer;
  private ExecutorService checks;

  CompletionWebhooks(
      RecordingConfig config,
      TenantSettings settings,
      WebhookTargets targets,
      NoticeSender sender,
      ObjectMapper json,
      Meters registry,
      RoleThreads threads) {
    this.config = config;
    this.threads = threads;
    this.settings = settings;
    this.targets = targets;
    this.sender = sender;
    this.json = json;
    this.registry = registry;
    this.clock = Clock.systemUTC();
    this.lanes = newLanes();
    for (String outcome :
        List.of("delivered", "failed", "refused", "dropped", "dropped-node", "retried")) {
      outcome(outcome);
    }
    registry.gauge(
        new MeterName("recording", "webhooks_held", "notices"),
        "Completion webhook notices waiting, being sent or waiting to retry, all tenants",
        () -> lanes.held());
    registry.gauge(
        new MeterName("recording", "webhooks_sending", "notices"),
        "Completion webhook notices being sent now, all tenants",
        () -> lanes.sending());
  }

  private NoticeLanes newLanes() {
    return new NoticeLanes(
        config.webhookTenantQueue(),
        config.webhookTenantSends(),
        config.webhookQueue(),
        config.webhookSends());
  }

  private Counter outcome(String outcome) {
    return outcomes.computeIfAbsent(
        outcome,
        o ->
            registry.counter(
                MeterName.of("recording", "webhooks"),
                "Completion webhook notices, by what became of them",
                "outcome",
                o));
  }

  public synchronized void start() {
    timer = threads.timer("recording", "webhook-retries", 1);
    // Resolving a tenant's host may block for as long as its DNS takes, so each send in flight has
    // a thread for it; a tenant has at most webhook-tenant-sends of them.
    checks = threads.pool("recording", "webhooks", config.webhookSends(), config.webhookSends());
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    if (checks != null) {
      checks.shutdownNow();
      checks = null;
    }
    lanes = newLanes();
  }

  /** Notifies the recording's tenant, if it asked to be. */
  public void completed(Recording r) {
    TenantRules rules = settings.of(r.tenantId());
    if (rules.webhookUrl() == null) {
      return;
    }
    WebhookNotice n =
        new WebhookNotice(
            r.tenantId(), r.id(), rules.webhookUrl(), rules.webhookSecret(), body(r), 1);
    if (timer == null) {
      outcome("dropped-node").increment();
      return;
    }
    NoticeLanes l = lanes;
    switch (l.offer(n)) {
      case QUEUED -> pump(l);
      case TENANT_FULL -> {
        outcome("dropped").increment();
        LOG.warnf(
            "Recording %s: webhook notice dropped, tenant %s has %d waiting",
            r.id(), r.tenantId(), config.webhookTenantQueue());
      }
      case NODE_FULL -> {
        outcome("dropped-node").increment();
        LOG.warnf("Recording %s: webhook notice dropped, the node's queue is full", r.id());
      }
    }
  }

  /** Starts every notice {@code l} lets go now. */
  private void pump(NoticeLanes l) {
    for (WebhookNotice n : l.start()) {
      ExecutorService c = checks;
      try {
        if (c == null) {
          throw new RejectedExecutionException("stopped");
        }
        c.execute(() -> attempt(l, n));
      } catch (RejectedExecutionException e) {
        l.sent(n, true);
        outcome("dropped-node").increment();
      }
    }
  }

  private void attempt(NoticeLanes l, WebhookNotice n) {
    OutboundTarget target;
    CompletionStage<Integer> answer;
    try {
      target = targets.check(n.url());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("User-Agent", "voxhost-recording");
      if (n.secret() != null) {
        headers.put(SIGNATURE, signature(n.secret(), clock.instant().getEpochSecond(), n.body()));
      }
      try {
        answer = sender.post(target, headers, n.body());
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
    } catch (TargetRefused e) {
      outcome("refused").increment();
      LOG.warnf(
          "Recording %s: webhook to %s not sent: %s",
          n.recordingId(), OutboundTarget.redacted(n.url()), e.getMessage());
      l.sent(n, true);
      pump(l);
      return;
    } catch (RuntimeException e) {
      // A bug or a resolver that broke its contract: the notice fails for good (another attempt
      // would most likely break the same way), but its slot must go back, or after
      // webhook-tenant-sends of these the tenant never sends again. Only the exception's class is
      // logged: its message may quote the URL with its userinfo or query.
      outcome("failed").increment();
      LOG.errorf(
          "Recording %s: webhook to %s not sent: %s",
          n.recordingId(), OutboundTarget.redacted(n.url()), e.getClass().getName());
      l.sent(n, true);
      pump(l);
      return;
    }
    answer.whenComplete((status, error) -> answered(l, n, target, status, error));
  }

  private void answered(
      NoticeLanes l, WebhookNotice n, OutboundTarget target, Integer status, Throwable error) {
    if (error == null && status >= 200 && status < 300) {
      outcome("delivered").increment();
      l.sent(n, true);
      pump(l);
      return;
    }
    LOG.debugf(
        "Recording %s: webhook attempt %d to %s: %s",
        n.recordingId(),
        n.attempt(),
        target,
        error == null ? "answered " + status : error.getClass().getSimpleName());
    ScheduledExecutorService t = timer;
    if (n.attempt() >= config.webhookAttempts() || t == null) {
      outcome("failed").increment();
      l.sent(n, true);
      LOG.warnf(
          "Recording %s: webhook to %s failed %d times",
          n.recordingId(), OutboundTarget.redacted(n.url()), n.attempt());
      pump(l);
      return;
    }
    l.sent(n, false);
    outcome("retried").increment();
    long delay = config.webhookRetryBase().toMillis() << Math.min(n.attempt() - 1, 20);
    try {
      t.schedule(
          () -> {
            l.retry(n.next());
            pump(l);
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      l.abandoned(n);
    }
    pump(l);
  }

  private byte[] body(Recording r) {
    Map<String, Object> recording = new LinkedHashMap<>();
    recording.put("id", r.id());
    recording.put("status", r.status());
    recording.put("callId", r.callId());
    recording.put("from", r.from());
    recording.put("to", r.to());
    recording.put("startedAt", r.startedAt().toString());
    recording.put("durationMs", r.durationMs());
    recording.put("channels", r.channels());
    recording.put("sizeBytes", r.sizeBytes());
    recording.put("sha256", r.sha256());
    recording.put("truncated", r.truncated());
    recording.put("audio", "/api/v1/recordings/" + r.id() + ".wav");
    try {
      return json.writeValueAsBytes(Map.of("event", "recording.completed", "recording", recording));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The {@link #SIGNATURE} header's value for {@code body} sent at {@code epochSecond}: the
   * timestamp is signed with the body, so a receiver that refuses old timestamps refuses replays.
   */
  public static String signature(String secret, long epochSecond, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSecond + ".").getBytes(StandardCharsets.US_ASCII));
      return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
