package io.voxhost.cti.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only Kafka's security settings pass to its clients, and their values never print. */
class KafkaAccessTest {

  @Test
  void securitySettingsPassAndTheirValuesStayHidden() {
    KafkaAccess a =
        KafkaAccess.of(
            "k1:9093",
            Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "... password=\"s3cret\";",
                "ssl.truststore.location", "/etc/voxhost/kafka.p12"));
    assertThat(a.properties())
        .containsEntry("bootstrap.servers", "k1:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.location", "/etc/voxhost/kafka.p12");
    assertThat(a.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
  }

  @Test
  void whatTheProducerAndConsumerRelyOnCannotBeSet() {
    for (String key :
        new String[] {"acks", "enable.idempotence", "enable.auto.commit", "group.id"}) {
      assertThatThrownBy(() -> KafkaAccess.of("k1:9092", Map.of(key, "x")))
          .hasMessageContaining("voxhost.cti.kafka.client." + key);
    }
  }
}
