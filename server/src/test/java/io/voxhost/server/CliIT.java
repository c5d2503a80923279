package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.platform.testing.FreePorts;
import io.voxhost.server.Launcher.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admin commands through the real launcher ({@code src/bin/voxhost}) against the packaged
 * application: check-config on good and bad configurations, status and admin against one running
 * node and against nothing.
 */
class CliIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Nested
  class CheckConfig {

    @Test
    void acceptsAGoodConfigurationWithoutCreatingAnything() throws Exception {
      Path work = TempDirs.create("check-");
      try {
        Run run = Launcher.run(work, Map.of("VOXHOST_ROLES", "tftp,sip"), "check-config");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out())
            .contains("configuration ok")
            .contains("roles tftp,sip")
            .contains("data directory " + work.resolve("data"));
        assertThat(work.resolve("data")).doesNotExist();
      } finally {
        TempDirs.delete(work);
      }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "VOXHOST_ROLES|sip,fax|voxhost.roles: unknown role 'fax'",
          "VOXHOST_SIP_LISTEN|nonsense|voxhost.sip.listen",
          "VOXHOST_TFTP_LISTEN|0.0.0.0:69-70|voxhost.tftp.listen takes one port",
          "VOXHOST_DB_CONNECT_TIMEOUT|soon|voxhost.db.connect-timeout",
          "VOXHOST_SIP_REGISTRAR_CONTACT_LIMIT_POLICY|sometimes|voxhost.sip.registrar.contact-limit-policy",
          "VOXHOST_TFTP_VENDOR_CAS|/nonexistent/cas.pem|voxhost.tftp.vendor-cas",
          "VOXHOST_SIP_TRANSPORTS|udp,sctp|voxhost.sip.transports",
        })
    void refusesABadEnvironmentSettingNamingTheKey(String variable, String value, String expected)
        throws Exception {
      Path work = TempDirs.create("check-");
      try {
        Run run = Launcher.run(work, Map.of(variable, value), "check-config");
        assertThat(run.exit()).as(run.toString()).isEqualTo(78);
        assertThat(run.err().strip()).as(run.toString()).contains(expected).doesNotContain("\n");
        assertThat(run.out()).isEmpty();
      } finally {
        TempDirs.delete(work);
      }
    }

    @Test
    void readsTheConfigFileOfTheWorkingDirectory() throws Exception {
      Path work = TempDirs.create("check-");
      try {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(
            work.resolve("config/application.properties"), "voxhost.tftp.max-transfers=many\n");
        Run run = Launcher.run(work, Map.of(), "check-config");
        assertThat(run.exit()).as(run.toString()).isEqualTo(78);
        assertThat(run.err()).contains("voxhost.tftp.max-transfers").contains("many");
      } finally {
        TempDirs.delete(work);
      }
    }

    @Test
    void warnsOfAKeyNoSettingHasButAcceptsIt() throws Exception {
      Path work = TempDirs.create("check-");
      try {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(
            work.resolve("config/application.properties"),
            "voxhost.tftp.max-transfers=5\nvoxhost.sip.lisen=127.0.0.1:5070\n");
        Run run = Launcher.run(work, Map.of(), "check-config");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("configuration ok");
        assertThat(run.err())
            .contains("warning: voxhost.sip.lisen")
            .doesNotContain("max-transfers");
      } finally {
        TempDirs.delete(work);
      }
    }

    @Test
    void readsSystemPropertiesFromJavaOpts() throws Exception {
      Path work = TempDirs.create("check-");
      try {
        Run run =
            Launcher.run(
                work,
                Map.of("JAVA_OPTS", "-Dvoxhost.recording.free-space-floor.percent=150"),
                "check-config");
        assertThat(run.exit()).as(run.toString()).isEqualTo(78);
        assertThat(run.err()).contains("voxhost.recording.free-space-floor.percent");
      } finally {
        TempDirs.delete(work);
      }
    }

    @Test
    void refusesADataDirectoryThatCannotBeCreated() throws Exception {
      Path work = TempDirs.create("check-");
      try {
        // A regular file where a directory must be: unwritable even for root, which CI runs as.
        Path blocker = Files.writeString(work.resolve("blocker"), "not a directory");
        Run run =
            Launcher.run(
                work,
                Map.of("VOXHOST_DATA_DIR", blocker.resolve("data").toString()),
                "check-config");
        assertThat(run.exit()).as(run.toString()).isEqualTo(78);
        assertThat(run.err()).contains("voxhost.data-dir").contains(blocker.toString());
      } finally {
        TempDirs.delete(work);
      }
    }
  }

  @Test
  void statusOfNothingIsNotRunning() throws Exception {
    Path work = TempDirs.create("status-");
    try {
      String url = "http://127.0.0.1:" + FreePorts.udpAndTcp();
      Run run = Launcher.run(work, Map.of(), "status", "--url", url, "--timeout", "3");
      assertThat(run.exit()).as(run.toString()).isEqualTo(3);
      assertThat(run.err()).contains("not running").contains(url);
    } finally {
      TempDirs.delete(work);
    }
  }

  @Test
  void helpNamesEveryCommand() throws Exception {
    Path work = TempDirs.create("help-");
    try {
      Run run = Launcher.run(work, Map.of(), "--help");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out()).contains("check-config").contains("status").contains("admin");
      Run admin = Launcher.run(work, Map.of(), "admin", "keys", "create", "--help");
      assertThat(admin.exit()).as(admin.toString()).isZero();
      assertThat(admin.out()).contains("--scope").contains("--label").contains("--url");
    } finally {
      TempDirs.delete(work);
    }
  }

  /** One node for every command that needs one. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AgainstANode {

    private Path work;
    private NodeProcess node;
    private Map<String, String> env;

    @BeforeAll
    void startNode() throws Exception {
      work = TempDirs.create("cli-node-");
      node = NodeProcess.start(work, Map.of());
      node.awaitReady(Duration.ofSeconds(120));
      // The commands find the port as the node's configuration names it, and the admin key in
      // ./data of the working directory, as the node wrote it.
      env = Map.of("QUARKUS_HTTP_PORT", String.valueOf(node.port()));
    }

    @AfterAll
    void stopNode() throws Exception {
      if (node != null) {
        node.close();
      }
      TempDirs.delete(work);
    }

    @Test
    void statusShowsReadinessAndEachRole() throws Exception {
      Run run = Launcher.run(work, env, "status");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out())
          .startsWith("ready: http://127.0.0.1:" + node.port())
          .contains("role sip")
          .contains("role tftp")
          .contains("role recording")
          .contains(String.valueOf(node.sipPort()));
      Run json = Launcher.run(work, env, "status", "--json");
      assertThat(JSON.readTree(json.out()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void createsAndListsTenantsAndKeys() throws Exception {
      Run created =
          Launcher.run(
              work,
              env,
              "admin",
              "tenants",
              "create",
              "cli-acme",
              "--name",
              "Acme CLI",
              "--sip-domain",
              "cli-acme.example.net");
      assertThat(created.exit()).as(created.toString()).isZero();
      assertThat(created.out()).contains("created tenant cli-acme");

      Run again =
          Launcher.run(
              work,
              env,
              "admin",
              "tenants",
              "create",
              "cli-acme",
              "--sip-domain",
              "other.example.net");
      assertThat(again.exit()).as(again.toString()).isEqualTo(1);
      assertThat(again.err().strip()).contains("slug").contains("409").doesNotContain("\n");

      Run tenants = Launcher.run(work, env, "admin", "tenants", "list");
      assertThat(tenants.exit()).as(tenants.toString()).isZero();
      assertThat(tenants.out())
          .contains("SLUG")
          .containsPattern("cli-acme +Acme CLI +cli-acme\\.example\\.net");

      Run key =
          Launcher.run(
              work,
              env,
              "admin",
              "keys",
              "create",
              "cli-acme",
              "--label",
              "crm",
              "--scope",
              "read-only");
      assertThat(key.exit()).as(key.toString()).isZero();
      String secret = key.out().strip();
      assertThat(secret).startsWith("vx_");
      assertThat(node.get("/api/v1/tenant", secret).body()).contains("cli-acme");

      Run keys = Launcher.run(work, env, "admin", "keys", "list", "cli-acme");
      assertThat(keys.exit()).as(keys.toString()).isZero();
      assertThat(keys.out()).contains("PREFIX").containsPattern("vx_\\S+ +crm +read-only");
      assertThat(keys.out()).doesNotContain(secret);

      Run raw = Launcher.run(work, env, "admin", "keys", "list", "cli-acme", "--json");
      JsonNode listed = JSON.readTree(raw.out());
      assertThat(listed.isArray()).isTrue();
      assertThat(listed.get(0).path("label").asText()).isEqualTo("crm");
    }

    @Test
    void anUnknownTenantIsOneLineAndNonZero() throws Exception {
      Run run = Launcher.run(work, env, "admin", "keys", "list", "nobody-here");
      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.err().strip()).contains("404").contains("nobody-here").doesNotContain("\n");
    }

    @Test
    void withoutTheAdminKeyFileSaysWhereItLooked() throws Exception {
      Path elsewhere = work.resolve("elsewhere");
      Map<String, String> noKey =
          Map.of(
              "QUARKUS_HTTP_PORT",
              String.valueOf(node.port()),
              "VOXHOST_DATA_DIR",
              elsewhere.toString());
      Run run = Launcher.run(work, noKey, "admin", "tenants", "list");
      assertThat(run.exit()).as(run.toString()).isEqualTo(66);
      assertThat(run.err()).contains(elsewhere.resolve("admin.key").toString());
    }
  }
}
