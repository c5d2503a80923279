package io.voxhost.cti;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.voxhost.platform.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from
 * Apache's own jars (the kafka_2.13 test dependency) as its own JVM on loopback ports, with the
 * call event topic in four partitions. Its log is left in its directory for a failed test to read.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

  static final String TOPIC = "voxhost.cti.events.test";

  /** The user the node signs in to the broker as, over SASL/PLAIN. */
  static final String USER = "voxhost";

  static final String PASSWORD = "voxhost-secret";

  private static final String PLAIN =
      "org.apache.kafka.common.security.plain.PlainLoginModule required";

  static String jaas(String user, String password) {
    return PLAIN + " username=\"" + user + "\" password=\"" + password + "\";";
  }

  private Process process;
  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("voxhost-kafka");
      int port = FreePorts.udpAndTcp();
      int sasl = FreePorts.udpAndTcp();
      int controller = FreePorts.udpAndTcp();
      Path config = dir.resolve("server.properties");
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
      // The node reaches the broker over SASL (PLAIN), as a production cluster would ask.
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:"
              + port
              + ",SASL_PLAINTEXT://127.0.0.1:"
              + sasl
              + ",CONTROLLER://127.0.0.1:"
              + controller);
      p.put(
          "advertised.listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + sasl);
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("controller.listener.names", "CONTROLLER");
      p.put(
          "listener.security.protocol.map",
          "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("sasl.enabled.mechanisms", "PLAIN");
      p.put(
          "listener.name.sasl_plaintext.plain.sasl.jaas.config",
          PLAIN
              + " username=\"broker\" password=\"broker-secret\" user_"
              + USER
              + "=\""
              + PASSWORD
              + "\";");
      p.put("log.dirs", dir.resolve("data").toString());
      p.put("offsets.topic.replication.factor", "1");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("num.partitions", "4");
      try (var out = Files.newBufferedWriter(config)) {
        p.store(out, "voxhost test broker");
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = System.getProperty("java.class.path");
      Process format =
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  "kafka.tools.StorageTool",
                  "format",
                  "--config",
                  config.toString(),
                  "--cluster-id",
                  Uuid.randomUuid().toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("format.log").toFile())
              .start();
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "formatting the broker's storage failed: "
                + Files.readString(dir.resolve("format.log")));
      }
      process =
          new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, "kafka.Kafka", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("broker.log").toFile())
              .start();
      String bootstrap = "127.0.0.1:" + port;
      awaitListening(port);
      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
      try (Admin a = Admin.create(admin)) {
        a.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get(60, TimeUnit.SECONDS);
      }
      String saslBootstrap = "127.0.0.1:" + sasl;
      awaitListening(sasl);
      return Map.of(
          "voxhost.cti.kafka.bootstrap-servers",
          saslBootstrap,
          "voxhost.cti.kafka.topic",
          TOPIC,
          "voxhost.cti.kafka.client.security.protocol",
          "SASL_PLAINTEXT",
          "voxhost.cti.kafka.client.sasl.mechanism",
          "PLAIN",
          "voxhost.cti.kafka.client.sasl.jaas.config",
          jaas(USER, PASSWORD));
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("the Kafka broker did not start", e);
    }
  }

  private void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the broker exited: " + Files.readString(dir.resolve("broker.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the broker did not listen within 90 s");
  }

  @Override
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
        for (Path path : all) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir = null;
    }
  }
}
