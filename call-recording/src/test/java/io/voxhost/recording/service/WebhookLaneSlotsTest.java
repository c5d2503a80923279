package io.voxhost.recording.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.DatabaseEndpoints;
import io.voxhost.platform.net.HostResolver;
import io.voxhost.platform.net.OutboundConfig;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.recording.WebhookTest;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's webhook slots come back whatever became of a send: one whose answer arrives after the
 * role restarted, or one whose attempt broke with an unchecked exception. Each tenant sends one
 * notice at a time and holds one, so a slot lost or freed twice shows at once. Nothing is sent on a
 * network: the sender only records the posts and leaves their answers to the test.
 */
class WebhookLaneSlotsTest {

  private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

  /** A post the test answers when it likes. */
  record Post(OutboundTarget target, CompletableFuture<Integer> answer) {}

  private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
  private final Meters meters = new Meters(meterRegistry);
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final AtomicBoolean resolverBreaks = new AtomicBoolean();
  private CompletionWebhooks webhooks;

  private static RecordingConfig config() {
    Map<String, Object> values =
        Map.of(
            "webhookTenantQueue", 1,
            "webhookTenantSends", 1,
            "webhookQueue", 10,
            "webhookSends", 4,
            "webhookAttempts", 1,
            "webhookRetryBase", Duration.ofMillis(10));
    return (RecordingConfig)
        Proxy.newProxyInstance(
            RecordingConfig.class.getClassLoader(),
            new Class<?>[] {RecordingConfig.class},
            (proxy, method, args) -> {
              Object v = values.get(method.getName());
              if (v == null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return v;
            });
  }

  private CompletionWebhooks webhooks() {
    // A resolver that breaks its contract (an unchecked exception instead of
    // UnknownHostException) while resolverBreaks is set; otherwise loopback, never contacted.
    HostResolver resolver =
        host -> {
          if (resolverBreaks.get()) {
            throw new IllegalStateException("resolver broke");
          }
          return List.of(InetAddress.getLoopbackAddress());
        };
    OutboundConfig allowLoopback = () -> true;
    WebhookTargets targets =
        new WebhookTargets(
            resolver, allowLoopback, new DatabaseEndpoints(Optional.empty(), resolver));
    TenantSettings settings =
        new TenantSettings(null, targets, null) {
          @Override
          public TenantRules of(UUID tenantId) {
            return new TenantRules(false, null, null, "http://hooks.example/in", null);
          }
        };
    NoticeSender sender =
        (target, headers, body) -> {
          CompletableFuture<Integer> answer = new CompletableFuture<>();
          posts.add(new Post(target, answer));
          return answer;
        };
    return new CompletionWebhooks(
        config(), settings, targets, sender, new ObjectMapper(), meters, new RoleThreads(meters));
  }

  private static Recording completed() {
    return WebhookTest.completed(TENANT);
  }

  private double outcome(String outcome) {
    return meterRegistry
        .get("voxhost_recording_webhooks")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  /**
   * Answers post {@code i} once its sender waits for the answer, so the answer is taken at once.
   */
  private void answer(int i, int status) {
    CompletableFuture<Integer> answer = posts.get(i).answer();
    await().atMost(Duration.ofSeconds(5)).until(() -> answer.getNumberOfDependents() > 0);
    answer.complete(status);
  }

  private double gauge(String name) {
    return meterRegistry.get(name).gauge().value();
  }

  @AfterEach
  void stop() {
    if (webhooks != null) {
      webhooks.stop();
    }
  }

  @Test
  void anAnswerFromBeforeARestartLeavesTheNewLaneAlone() {
    webhooks = webhooks();
    webhooks.start();
    webhooks.completed(completed());
    await().atMost(Duration.ofSeconds(5)).until(() -> posts.size() == 1);

    webhooks.stop();
    webhooks.start();
    webhooks.completed(completed());
    await().atMost(Duration.ofSeconds(5)).until(() -> posts.size() == 2);
    assertThat(gauge("voxhost_recording_webhooks_held_notices")).isEqualTo(1);

    // The send started before the stop is answered only now.
    answer(0, 204);

    // The new lane still holds its one notice being sent: the node counts it and the tenant's
    // next notice is dropped, not sent beside it.
    assertThat(gauge("voxhost_recording_webhooks_held_notices")).isEqualTo(1);
    assertThat(gauge("voxhost_recording_webhooks_sending_notices")).isEqualTo(1);
    webhooks.completed(completed());
    assertThat(outcome("dropped")).isEqualTo(1);
    assertThat(posts).hasSize(2);

    answer(1, 204);
    assertThat(gauge("voxhost_recording_webhooks_held_notices")).isZero();
    assertThat(gauge("voxhost_recording_webhooks_sending_notices")).isZero();
  }

  @Test
  void anAttemptThatBreaksGivesItsSlotBack() {
    webhooks = webhooks();
    webhooks.start();
    resolverBreaks.set(true);
    webhooks.completed(completed());
    await().atMost(Duration.ofSeconds(5)).until(() -> outcome("failed") == 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> gauge("voxhost_recording_webhooks_held_notices") == 0);

    // The tenant's one slot came back: its next notice is sent.
    resolverBreaks.set(false);
    webhooks.completed(completed());
    await().atMost(Duration.ofSeconds(5)).until(() -> posts.size() == 1);
    assertThat(outcome("dropped")).isZero();
    answer(0, 204);
    assertThat(outcome("delivered")).isEqualTo(1);
    assertThat(gauge("voxhost_recording_webhooks_held_notices")).isZero();
  }
}
