package io.voxhost.cti.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.EventIngest;
import io.voxhost.cti.service.EventInput;
import io.voxhost.cti.service.EventRules;
import io.voxhost.cti.service.IngestFull;
import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Kafka's call events into PostgreSQL, on the nodes that consume ({@code
 * voxhost.cti.kafka.consume}): one consumer group, each partition's records in order, a poll's
 * records queued to the same writer as HTTP's and committed to Kafka only once PostgreSQL has them.
 * A node that dies between the two commits has its records read again by another, and the events'
 * primary key keeps them once: the same idempotent write as every other way in. Each record is
 * checked again as it is read (the topic is a way in too); one that is no event is skipped, counted
 * and logged.
 */
@ApplicationScoped
public class KafkaEventConsumer {

  private static final Logger LOG = Logger.getLogger(KafkaEventConsumer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Records one poll takes at most: about one write of the writer. */
  static final int MAX_POLL_RECORDS = 2000;

  private final CtiConfig config;
  private final EventIngest ingest;
  private final RoleThreads threads;
  private final EventRules rules = new EventRules(Clock.systemUTC());
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  KafkaEventConsumer(CtiConfig config, EventIngest ingest, RoleThreads threads) {
    this.config = config;
    this.ingest = ingest;
    this.threads = threads;
  }

  public synchronized void start() {
    if (thread != null || config.kafkaBootstrapServers().isEmpty()) {
      return;
    }
    // Wrong client settings stop the node now, not at its first event.
    KafkaAccess.of(config);
    if (!config.kafkaConsume()) {
      return;
    }
    running = true;
    thread = threads.thread("cti", "kafka-consumer", this::run);
    thread.start();
  }

  /** Stops after the batch in hand is written and committed (or not: it is read again). */
  public synchronized void stop() throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(10_000);
      thread = null;
    }
  }

  private void run() {
    Properties props = KafkaAccess.of(config).properties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "voxhost-cti");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "voxhost-cti-consumer");
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      c.subscribe(List.of(config.kafkaTopic()));
      while (running) {
        ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          write(records);
          c.commitSync();
        }
      }
    } catch (WakeupException e) {
      // stop() asked
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warnf("The Kafka consumer stopped (its records are read again on restart): %s", e);
    } finally {
      consumer = null;
    }
  }

  /** Writes a poll's events, per tenant, waiting until each is committed; retries a full queue. */
  private void write(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    Map<UUID, List<CallEvent>> byTenant = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      try {
        JsonNode o = JSON.readTree(r.value());
        UUID tenant = UUID.fromString(o.path("tenant").asText());
        EventRules.Checked checked = rules.check(input(o));
        if (checked.ok()) {
          byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(checked.event());
        } else {
          LOG.warnf(
              "Skipped a Kafka record that is no event (%s): %s", r.key(), checked.problems());
        }
      } catch (IOException | IllegalArgumentException e) {
        LOG.warnf("Skipped a Kafka record that is no event (%s): %s", r.key(), e.toString());
      }
    }
    for (Map.Entry<UUID, List<CallEvent>> e : byTenant.entrySet()) {
      long wait = 50;
      while (true) {
        try {
          CompletableFuture<?> done = ingest.submit(e.getKey(), e.getValue());
          done.join();
          break;
        } catch (IngestFull | CompletionException full) {
          if (!running) {
            throw new InterruptedException("stopping with records not written: read again");
          }
          Thread.sleep(wait);
          wait = Math.min(2000, wait * 2);
        }
      }
    }
  }

  private static EventInput input(JsonNode o) {
    return new EventInput(
        text(o, "source"),
        text(o, "instance"),
        text(o, "id"),
        text(o, "seq"),
        text(o, "at"),
        text(o, "type"),
        text(o, "call"),
        text(o, "channel"),
        text(o, "peer"),
        text(o, "queue"),
        text(o, "agent"),
        text(o, "number"),
        text(o, "name"),
        text(o, "dialled"),
        text(o, "data"));
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
