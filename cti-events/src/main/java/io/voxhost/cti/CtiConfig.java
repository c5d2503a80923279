package io.voxhost.cti;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.voxhost.platform.net.ListenAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the {@code cti} role (call events, call records, figures). */
@ConfigMapping(prefix = "voxhost.cti")
public interface CtiConfig {

  /**
   * {@code voxhost.cti.queue}: events waiting to be written on this node, all tenants; past it a
   * sender is told to send again later (HTTP 503), nothing is dropped silently.
   */
  @WithDefault("200000")
  int queue();

  /**
   * {@code voxhost.cti.tenant-queue}: one tenant's events waiting to be written; past it that
   * tenant is told to send again later (HTTP 429), nobody else is.
   */
  @WithDefault("50000")
  int tenantQueue();

  /** {@code voxhost.cti.max-batch}: events written in one transaction at most. */
  @WithDefault("20000")
  int maxBatch();

  /** {@code voxhost.cti.max-request}: events one HTTP request may carry. */
  @WithDefault("10000")
  int maxRequest();

  /**
   * {@code voxhost.cti.lateness}: an event older than the newest of its call by more than this when
   * it arrives is late; it still changes the record, and is counted.
   */
  @WithDefault("10s")
  Duration lateness();

  /**
   * {@code voxhost.cti.abandon-after}: a call whose end never came (the switch crashed, an event
   * was lost) is closed by the sweep after this long with no event.
   */
  @WithDefault("4h")
  Duration abandonAfter();

  /** {@code voxhost.cti.sweep-every}: how often the sweep looks for such calls. */
  @WithDefault("1m")
  Duration sweepEvery();

  /**
   * {@code voxhost.cti.build-calls}: whether this node builds call records. Every node marks the
   * calls its events change; in a cluster where ingest is the bottleneck, some nodes may only
   * ingest and leave building to others.
   */
  @WithDefault("true")
  boolean buildCalls();

  /** {@code voxhost.cti.build-batch}: call keys built again in one transaction at most. */
  @WithDefault("1000")
  int buildBatch();

  /**
   * {@code voxhost.cti.max-call-events}: events one call may have; a call past it is recorded as
   * unreadable rather than read whole into memory.
   */
  @WithDefault("20000")
  int maxCallEvents();

  /** {@code voxhost.cti.max-call-keys}: call keys transfers and pickups may join into one call. */
  @WithDefault("256")
  int maxCallKeys();

  /**
   * {@code voxhost.cti.service-level}: the service level's time: a call answered (or, for SL2,
   * abandoned) within it counts as met. Applied when a call is counted.
   */
  @WithDefault("20s")
  Duration serviceLevel();

  /**
   * {@code voxhost.cti.short-abandon}: a caller who gives up sooner than this is a short abandon,
   * reported apart and left out of abandons and service levels.
   */
  @WithDefault("5s")
  Duration shortAbandon();

  /** {@code voxhost.cti.exports}: CSV exports of calls this node streams at once, all tenants. */
  @WithDefault("4")
  int exports();

  /** {@code voxhost.cti.tenant-exports}: CSV exports of calls one tenant may stream at once. */
  @WithDefault("1")
  int tenantExports();

  /** {@code voxhost.cti.live-streams}: live streams (and wallboards) this node serves at once. */
  @WithDefault("500")
  int liveStreams();

  /** {@code voxhost.cti.tenant-live-streams}: live streams one tenant may have open on a node. */
  @WithDefault("20")
  int tenantLiveStreams();

  /**
   * {@code voxhost.cti.stream-listen}: address and port of the TCP listener switches stream their
   * events to, one line an event.
   */
  @WithDefault("0.0.0.0:7700")
  ListenAddress streamListen();

  /** {@code voxhost.cti.streams}: TCP event streams this node takes at once, all tenants. */
  @WithDefault("256")
  int streams();

  /** {@code voxhost.cti.tenant-streams}: TCP event streams one tenant may have open on a node. */
  @WithDefault("8")
  int tenantStreams();

  /**
   * {@code voxhost.cti.stream-idle}: a stream that sends nothing for this long (no event, no {@code
   * PING}) is closed; a stream not signed in within a tenth of it, too.
   */
  @WithDefault("5m")
  Duration streamIdle();

  /**
   * {@code voxhost.cti.kafka.bootstrap-servers}: Apache Kafka's brokers ({@code host:port,...}).
   * Set, accepted events go to Kafka (acknowledged once Kafka has them) and nodes that consume
   * write them to PostgreSQL; unset, they go straight to PostgreSQL.
   */
  @WithName("kafka.bootstrap-servers")
  Optional<String> kafkaBootstrapServers();

  /** {@code voxhost.cti.kafka.topic}: the topic of call events, partitioned by tenant and call. */
  @WithName("kafka.topic")
  @WithDefault("voxhost.cti.events")
  String kafkaTopic();

  /**
   * {@code voxhost.cti.kafka.client.*}: Kafka client security settings passed as they are ({@code
   * security.protocol}, {@code sasl.*}, {@code ssl.*}), for SASL and TLS to the brokers.
   */
  @WithName("kafka.client")
  Map<String, String> kafkaClient();

  /** {@code voxhost.cti.kafka.consume}: whether this node writes Kafka's events to PostgreSQL. */
  @WithName("kafka.consume")
  @WithDefault("true")
  boolean kafkaConsume();

  /**
   * {@code voxhost.cti.switches.<name>.*}: the PBXs this node signs in to and reads call events
   * from (Asterisk's Manager Interface, FreeSWITCH's event socket), one group of keys each.
   */
  Map<String, Switch> switches();

  /** One PBX this node connects to (cti.md, "Signing in to a PBX"). */
  interface Switch {

    /** {@code voxhost.cti.switches.<name>.tenant}: the id of the tenant whose PBX it is. */
    String tenant();

    /** {@code voxhost.cti.switches.<name>.kind}: {@code ami} or {@code esl}. */
    String kind();

    /** {@code voxhost.cti.switches.<name>.address}: {@code host:port} of the AMI or ESL port. */
    String address();

    /**
     * {@code voxhost.cti.switches.<name>.username}: the AMI user (manager.conf); for ESL, set, the
     * node signs in with {@code userauth user@domain:secret} instead of {@code auth secret}.
     */
    Optional<String> username();

    /** {@code voxhost.cti.switches.<name>.secret}: the password, when no secret-file is set. */
    Optional<String> secret();

    /** {@code voxhost.cti.switches.<name>.secret-file}: a file whose first line is the password. */
    Optional<Path> secretFile();

    /** {@code voxhost.cti.switches.<name>.instance}: the source instance; the name when unset. */
    Optional<String> instance();

    /** {@code voxhost.cti.switches.<name>.ami-events}: AMI's event classes asked for at login. */
    @WithDefault("call,agent")
    String amiEvents();

    /** {@code voxhost.cti.switches.<name>.connect-timeout}: connecting and signing in. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * {@code voxhost.cti.switches.<name>.keep-alive}: after this long with nothing read the node
     * asks the PBX something (AMI {@code Ping}, ESL {@code api uptime}); after three times it, the
     * connection is taken for dead and opened again.
     */
    @WithDefault("30s")
    Duration keepAlive();

    /** {@code voxhost.cti.switches.<name>.max-backoff}: the longest wait between two attempts. */
    @WithDefault("60s")
    Duration maxBackoff();
  }
}
