package io.voxhost.tftp.transport;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.tftp.service.ProvisioningFiles;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debian's TFTP clients (curl, tftp-hpa, atftp) fetch a multi-megabyte file and negotiate options.
 * Without a client the test is skipped, unless VOXHOST_INTEROP_REQUIRED=1 (as in CI), which makes a
 * missing one a failure.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TftpClientsInteropTest {

  @Inject TftpEndpoint endpoint;
  @Inject ProvisioningFiles files;

  private byte[] firmware;
  private Path work;

  @BeforeEach
  void files() throws Exception {
    firmware = new byte[3 * 1024 * 1024 + 123];
    new Random(11).nextBytes(firmware);
    Files.write(files.staticRoot().resolve("firmware-interop.bin"), firmware);
    work = Files.createTempDirectory("tftp-interop-");
  }

  @AfterEach
  void clean() throws Exception {
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void requireTool(String name) {
    boolean present =
        List.of("/usr/bin/", "/usr/local/bin/").stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir + name)));
    if (!present && "1".equals(System.getenv("VOXHOST_INTEROP_REQUIRED"))) {
      throw new AssertionError(name + " is not installed (apt-get install the package)");
    }
    assumeTrue(present, name + " is not installed; skipping");
  }

  private byte[] run(String tool, List<String> arguments, Path output) throws Exception {
    requireTool(tool);
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.addAll(arguments);
    Path log = work.resolve(tool + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(tool + " did not finish: " + Files.readString(log));
    }
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
    return Files.readAllBytes(output);
  }

  private String port() {
    return Integer.toString(endpoint.localAddress().getPort());
  }

  @Test
  void everyClientFetchesAGeneratedConfigAsHttpServesIt() throws Exception {
    TenantKey t = OpenTenants.create("interop");
    String mac = TestData.mac("0004f2");
    as(t.key())
        .body(
            Map.of(
                "mac",
                mac,
                "vendor",
                "cisco",
                "model",
                "CP-8841",
                "lines",
                List.of(Map.of("user", "1001", "displayName", "Desk", "password", "pw"))))
        .post("/api/v1/provisioning/devices")
        .then()
        .statusCode(201);
    String name = "SEP" + mac.toUpperCase() + ".cnf.xml";
    byte[] expected =
        given().get("/provision/" + name).then().statusCode(200).extract().asByteArray();
    assertThat(new String(expected, java.nio.charset.StandardCharsets.UTF_8))
        .contains("<name>1001</name>");

    Path out = work.resolve("config.xml");
    assertThat(
            run(
                "curl",
                List.of("-sS", "tftp://127.0.0.1:" + port() + "/" + name, "-o", out.toString()),
                out))
        .isEqualTo(expected);
    Files.delete(out);
    assertThat(
            run(
                "tftp",
                List.of("-m", "binary", "127.0.0.1", port(), "-c", "get", name, out.toString()),
                out))
        .isEqualTo(expected);
    Files.delete(out);
    assertThat(
            run(
                "atftp",
                List.of(
                    "--option",
                    "tsize",
                    "--option",
                    "blksize 1428",
                    "--get",
                    "-r",
                    name,
                    "-l",
                    out.toString(),
                    "127.0.0.1",
                    port()),
                out))
        .isEqualTo(expected);
  }

  @Test
  void curlFetchesWithItsDefaultOptionsAndWithLargeBlocks() throws Exception {
    Path out = work.resolve("curl.bin");
    String url = "tftp://127.0.0.1:" + port() + "/firmware-interop.bin";

    assertThat(run("curl", List.of("-sS", "--max-time", "50", url, "-o", out.toString()), out))
        .isEqualTo(firmware);
    for (String blksize : List.of("1428", "8192")) {
      Files.deleteIfExists(out);
      assertThat(
              run(
                  "curl",
                  List.of("-sS", "--tftp-blksize", blksize, url, "-o", out.toString()),
                  out))
          .as("blksize " + blksize)
          .isEqualTo(firmware);
    }
  }

  @Test
  void tftpHpaFetchesInLockStep() throws Exception {
    Path out = work.resolve("hpa.bin");

    assertThat(
            run(
                "tftp",
                List.of(
                    "-m",
                    "binary",
                    "127.0.0.1",
                    port(),
                    "-c",
                    "get",
                    "firmware-interop.bin",
                    out.toString()),
                out))
        .isEqualTo(firmware);
  }

  @Test
  void atftpNegotiatesBlockSizeTransferSizeAndWindow() throws Exception {
    Path out = work.resolve("atftp.bin");

    assertThat(
            run(
                "atftp",
                List.of(
                    "--option",
                    "blksize 1428",
                    "--option",
                    "windowsize 16",
                    "--option",
                    "tsize",
                    "--get",
                    "-r",
                    "firmware-interop.bin",
                    "-l",
                    out.toString(),
                    "127.0.0.1",
                    port()),
                out))
        .isEqualTo(firmware);
    Files.delete(out);
    assertThat(
            run(
                "atftp",
                List.of(
                    "--get",
                    "-r",
                    "firmware-interop.bin",
                    "-l",
                    out.toString(),
                    "127.0.0.1",
                    port()),
                out))
        .isEqualTo(firmware);
  }
}
