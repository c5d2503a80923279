package io.voxhost.cti.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.EventLog;
import io.voxhost.cti.service.IngestFull;
import io.voxhost.cti.service.Ingested;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Accepted events into Kafka ({@code voxhost.cti.kafka.*}): one record an event, keyed by tenant,
 * instance and call so that a call's events share a partition and stay in order; acknowledged once
 * every broker in sync has them ({@code acks=all}, idempotent producer). The producer's buffer is
 * bounded: a full one refuses the batch (503 / the stream waits), never blocks a thread long.
 */
@ApplicationScoped
public class KafkaEventLog implements EventLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a send may wait for room in the producer's buffer or for the topic's metadata. */
  private static final Duration MAX_BLOCK = Duration.ofSeconds(2);

  private final CtiConfig config;
  private volatile Producer<String, byte[]> producer;

  KafkaEventLog(CtiConfig config) {
    this.config = config;
  }

  @Override
  public boolean enabled() {
    return config.kafkaBootstrapServers().isPresent();
  }

  @Override
  public CompletableFuture<Ingested> append(UUID tenant, List<CallEvent> events) {
    CompletableFuture<Ingested> done = new CompletableFuture<>();
    if (events.isEmpty()) {
      done.complete(new Ingested(0, 0));
      return done;
    }
    AtomicInteger left = new AtomicInteger(events.size());
    Producer<String, byte[]> p = producer();
    try {
      for (CallEvent e : events) {
        p.send(
            new ProducerRecord<>(config.kafkaTopic(), key(tenant, e), encode(tenant, e)),
            (meta, failure) -> {
              if (failure != null) {
                done.completeExceptionally(
                    new IngestFull(
                        "Kafka did not take the events: " + failure.getMessage(), false));
              } else if (left.decrementAndGet() == 0) {
                // Whether an event was sent before is known only when it reaches PostgreSQL.
                done.complete(new Ingested(events.size(), 0));
              }
            });
      }
    } catch (KafkaException | IllegalStateException e) {
      throw new IngestFull("Kafka does not take events now: " + e.getMessage(), false);
    }
    return done;
  }

  /** A call's events share a key, hence a partition, hence their order. */
  static String key(UUID tenant, CallEvent e) {
    return tenant + "/" + e.instance() + "/" + e.call();
  }

  static byte[] encode(UUID tenant, CallEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("tenant", tenant.toString());
    o.put("source", e.source());
    o.put("instance", e.instance());
    o.put("id", e.id());
    if (e.seq() != null) {
      o.put("seq", e.seq());
    }
    o.put("at", e.at().toString());
    o.put("type", e.type().label());
    o.put("call", e.call());
    o.put("channel", e.channel());
    o.put("peer", e.peer());
    o.put("queue", e.queue());
    o.put("agent", e.agent());
    o.put("number", e.number());
    o.put("name", e.name());
    o.put("dialled", e.dialled());
    o.put("data", e.data());
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Producer<String, byte[]> producer() {
    Producer<String, byte[]> p = producer;
    if (p == null) {
      synchronized (this) {
        if (producer == null) {
          Properties props = KafkaAccess.of(config).properties();
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
          props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
          props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
          props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
          props.put(ProducerConfig.CLIENT_ID_CONFIG, "voxhost-cti");
          producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        p = producer;
      }
    }
    return p;
  }

  @PreDestroy
  synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
