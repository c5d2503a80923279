package io.voxhost.tftp.transport;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.tftp.codec.TftpPacket;
import io.voxhost.tftp.service.ProvisioningFiles;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code voxhost.tftp.unknown-device-file} set, an unknown MAC gets the stand-in; a device the
 * source may not fetch must get that same stand-in, or the difference would list the MACs that
 * exist.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestProfile(UnknownDeviceStandInTest.StandIn.class)
class UnknownDeviceStandInTest {

  private static final String STAND_IN = "unprovisioned.cfg";

  public static class StandIn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("voxhost.tftp.unknown-device-file", STAND_IN);
    }
  }

  @Inject TftpEndpoint endpoint;
  @Inject ProvisioningFiles files;

  private TftpPacket tftpFirst(String name) throws Exception {
    try (RawTftp client = new RawTftp(endpoint.localAddress())) {
      client.send(new TftpPacket.ReadRequest(name, "octet", List.of()), client.server);
      TftpPacket first = client.receive(2000);
      if (first instanceof TftpPacket.Data d) {
        client.send(new TftpPacket.Ack(d.block()), client.lastSender);
      }
      return first;
    }
  }

  private static ExtractableResponse<Response> http(String name) {
    return given().get("/provision/" + name).then().extract();
  }

  @Test
  void aHiddenDeviceGetsTheStandInAsAnUnknownMacDoes() throws Exception {
    Files.writeString(files.staticRoot().resolve(STAND_IN), "# not provisioned yet\n");
    TenantKey t = ApiClient.newTenant("standin"); // a new tenant: policy credentials
    String hidden = TestData.mac("805ec0");
    as(t.key())
        .body(
            Map.of(
                "mac",
                hidden,
                "vendor",
                "yealink",
                "model",
                "T46U",
                "lines",
                List.of(Map.of("user", "1001", "password", "secret-1001"))))
        .post("/api/v1/provisioning/devices")
        .then()
        .statusCode(201);
    String unknown = TestData.mac("805ec0");

    ExtractableResponse<Response> forUnknown = http(unknown + ".cfg");
    ExtractableResponse<Response> forHidden = http(hidden + ".cfg");
    assertThat(forUnknown.statusCode()).isEqualTo(200);
    assertThat(forHidden.statusCode()).isEqualTo(forUnknown.statusCode());
    assertThat(forHidden.asString()).isEqualTo(forUnknown.asString()).doesNotContain("secret-1001");

    TftpPacket unknownOverTftp = tftpFirst(unknown + ".cfg");
    TftpPacket hiddenOverTftp = tftpFirst(hidden + ".cfg");
    assertThat(unknownOverTftp).isInstanceOf(TftpPacket.Data.class);
    assertThat(hiddenOverTftp).isInstanceOf(TftpPacket.Data.class);
    assertThat(new String(((TftpPacket.Data) hiddenOverTftp).payload(), StandardCharsets.UTF_8))
        .isEqualTo(
            new String(((TftpPacket.Data) unknownOverTftp).payload(), StandardCharsets.UTF_8))
        .doesNotContain("secret-1001");
  }
}
