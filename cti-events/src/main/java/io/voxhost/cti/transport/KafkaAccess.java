package io.voxhost.cti.transport;

import io.voxhost.cti.CtiConfig;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How this node reaches Kafka: the brokers, and the client's security settings ({@code
 * voxhost.cti.kafka.client.*}: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}) passed as
 * they are. Only those families pass: what the producer and consumer rely on (acks, idempotence,
 * offsets) is ours to set.
 */
record KafkaAccess(String bootstrapServers, Map<String, String> security) {

  /**
   * The access the settings describe.
   *
   * @throws IllegalArgumentException naming a client key outside the security families
   */
  static KafkaAccess of(CtiConfig config) {
    return of(config.kafkaBootstrapServers().orElseThrow(), config.kafkaClient());
  }

  /** The access to {@code bootstrapServers} with the client settings {@code client}. */
  static KafkaAccess of(String bootstrapServers, Map<String, String> client) {
    Map<String, String> security = new TreeMap<>();
    client.forEach(
        (key, value) -> {
          if (!key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
              && !key.startsWith("sasl.")
              && !key.startsWith("ssl.")) {
            throw new IllegalArgumentException(
                "voxhost.cti.kafka.client."
                    + key
                    + ": only security.protocol, sasl.* and ssl.* may be set");
          }
          security.put(key, value);
        });
    return new KafkaAccess(bootstrapServers, Map.copyOf(security));
  }

  /** A client's properties with the brokers and the security settings. */
  Properties properties() {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.putAll(security);
    return p;
  }

  /** Never the settings' values: {@code sasl.jaas.config} holds a password. */
  @Override
  public String toString() {
    return "KafkaAccess[" + bootstrapServers + " " + security.keySet() + "]";
  }
}
