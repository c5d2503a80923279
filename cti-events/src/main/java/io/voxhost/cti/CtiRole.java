package io.voxhost.cti;

import io.voxhost.cti.service.AgentSessions;
import io.voxhost.cti.service.CallAssembler;
import io.voxhost.cti.service.CallNaming;
import io.voxhost.cti.service.EventIngest;
import io.voxhost.cti.service.LiveBoard;
import io.voxhost.cti.service.RoleEvents;
import io.voxhost.cti.transport.EventStreamServer;
import io.voxhost.cti.transport.KafkaEventConsumer;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@code cti} role: call events in, call records and business figures out. */
@ApplicationScoped
public class CtiRole implements Role {

  public static final String ROLE = "cti";

  private final EventIngest ingest;
  private final CallAssembler calls;
  private final CallNaming naming;
  private final LiveBoard live;
  private final AgentSessions agents;
  private final EventStreamServer streams;
  private final RoleEvents roleEvents;
  private final KafkaEventConsumer kafka;
  private volatile boolean started;

  CtiRole(
      EventIngest ingest,
      CallAssembler calls,
      CallNaming naming,
      LiveBoard live,
      AgentSessions agents,
      EventStreamServer streams,
      RoleEvents roleEvents,
      KafkaEventConsumer kafka) {
    this.ingest = ingest;
    this.calls = calls;
    this.naming = naming;
    this.live = live;
    this.agents = agents;
    this.streams = streams;
    this.roleEvents = roleEvents;
    this.kafka = kafka;
  }

  @Override
  public String name() {
    return ROLE;
  }

  @Override
  public List<String> httpPaths() {
    return List.of("/api/v1/cti", "/wallboard");
  }

  @Override
  public List<String> importPaths() {
    // Asterisk's CEL CSV and queue_log files: a day of a busy PBX is far past the 10 MB of a
    // request; the events are taken in chunks as the writer commits them.
    return List.of("/api/v1/cti/asterisk");
  }

  @Override
  public void start() {
    ingest.start();
    calls.start();
    naming.start();
    live.start();
    agents.start();
    roleEvents.start();
    kafka.start();
    try {
      streams.start();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the event stream listener", e);
    }
    started = true;
  }

  /** Events waiting are written before the node goes: their senders are waiting for the commit. */
  @Override
  public Drained drain(Instant deadline) {
    try {
      // No new lines: streams end, their senders send what was not acknowledged again.
      streams.stop();
      // Kafka's records not yet written stay in Kafka (uncommitted): another node reads them.
      kafka.stop();
      ingest.stop(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
      // Calls marked and not built stay marked in the database: the next node to start builds them.
      calls.stop(1000);
      naming.stop();
      live.stop();
      agents.stop();
      roleEvents.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    started = false;
    return Drained.complete("events waiting were written");
  }

  @Override
  public Reloaded reload(ReloadedSettings settings) {
    return Reloaded.nothing();
  }

  @Override
  public void stop() {
    try {
      streams.stop();
      kafka.stop();
      ingest.stop(0);
      calls.stop(1000);
      naming.stop();
      live.stop();
      agents.stop();
      roleEvents.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    started = false;
  }

  @Override
  public RoleHealth health() {
    return started
        ? RoleHealth.ready("taking events, stream tcp port " + streams.port())
        : RoleHealth.notReady("not started");
  }
}
