package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.media.api.G711;
import io.voxhost.media.codec.WavFormat;
import io.voxhost.media.codec.WavWriter;
import io.voxhost.media.service.JavaMediaLibrary;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads: raw G.711 and PCM WAV segments placed on their legs at their offsets. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class UploadTest {

  @TempDir Path dir;

  @Test
  void segmentsAreTranscodedPlacedAndStoredAsOneRecording() throws Exception {
    TenantKey t = ApiClient.newTenant("upload");
    byte[] caller = CaptureTest.ref("caller.ulaw");
    byte[] callee = CaptureTest.ref("callee.ulaw");
    Path raw = dir.resolve("caller.ulaw");
    Files.write(raw, caller);
    Path wav = dir.resolve("callee.wav");
    ByteBuffer pcm = ByteBuffer.allocate(callee.length * 2);
    new JavaMediaLibrary().decode(G711.ULAW, ByteBuffer.wrap(callee), pcm);
    try (WavWriter w = WavWriter.create(wav, WavFormat.pcm16(1))) {
      w.write(pcm.flip());
    }
    String metadata =
        "{\"callId\":\"pbx-9\",\"codec\":\"PCMU\",\"metadata\":{\"pbx\":\"3cx\"},\"segments\":["
            + "{\"leg\":\"caller\",\"offsetMs\":0,\"format\":\"pcmu\"},"
            + "{\"leg\":\"callee\",\"offsetMs\":500,\"format\":\"wav\"},"
            + "{\"leg\":\"caller\",\"offsetMs\":3000,\"format\":\"pcmu\"}]}";
    JsonPath created =
        as(t.key())
            .contentType("multipart/form-data")
            .multiPart("metadata", metadata, "application/json")
            .multiPart("segment0", raw.toFile(), "application/octet-stream")
            .multiPart("segment1", wav.toFile(), "audio/wav")
            .multiPart("segment2", raw.toFile(), "application/octet-stream")
            .post("/api/v1/recordings")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = created.getString("id");
    assertThat(created.getLong("durationMs")).isEqualTo(4500);
    assertThat(created.getString("status")).isEqualTo("completed");

    JsonPath meta =
        as(t.key()).get("/api/v1/recordings/" + id).then().statusCode(200).extract().jsonPath();
    assertThat(meta.getString("source")).isEqualTo("upload");
    assertThat(meta.getInt("channels")).isEqualTo(2);
    assertThat(meta.getString("metadata.pbx")).isEqualTo("3cx");
    byte[] file =
        as(t.key())
            .get("/api/v1/recordings/" + id + ".wav")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    int size = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(90);
    byte[] data = Arrays.copyOfRange(file, 94, 94 + size);
    assertThat(data).hasSize(2 * 36_000);
    for (int i = 0; i < 36_000; i++) {
      byte left = data[2 * i];
      byte right = data[2 * i + 1];
      byte expectedLeft = i < 12_000 ? caller[i] : i < 24_000 ? (byte) 0xFF : caller[i - 24_000];
      byte expectedRight = i < 4_000 || i >= 16_000 ? (byte) 0xFF : callee[i - 4_000];
      assertThat(left).as("caller sample %d", i).isEqualTo(expectedLeft);
      assertThat(right).as("callee sample %d", i).isEqualTo(expectedRight);
    }
  }

  @Test
  void badUploadsAreRefusedAndLeaveNothing() throws Exception {
    TenantKey t = ApiClient.newTenant("upload-bad");
    Path raw = dir.resolve("x.ulaw");
    Files.write(raw, new byte[1600]);
    as(t.key())
        .contentType("multipart/form-data")
        .multiPart(
            "metadata",
            "{\"codec\":\"G722\",\"segments\":[{\"leg\":\"a\",\"format\":\"pcmu\"}]}",
            "application/json")
        .multiPart("segment0", raw.toFile())
        .post("/api/v1/recordings")
        .then()
        .statusCode(400);
    as(t.key())
        .contentType("multipart/form-data")
        .multiPart(
            "metadata",
            "{\"codec\":\"PCMU\",\"segments\":[{\"leg\":\"a\",\"format\":\"pcmu\"},{\"leg\":\"b\",\"format\":\"pcmu\"}]}",
            "application/json")
        .multiPart("segment0", raw.toFile())
        .post("/api/v1/recordings")
        .then()
        .statusCode(400);
    as(t.key())
        .contentType("multipart/form-data")
        .multiPart(
            "metadata",
            "{\"codec\":\"PCMU\",\"segments\":[{\"leg\":\"a\",\"format\":\"wav\"}]}",
            "application/json")
        .multiPart("segment0", raw.toFile())
        .post("/api/v1/recordings")
        .then()
        .statusCode(400);
    assertThat(as(t.key()).get("/api/v1/recordings").then().extract().jsonPath().getList("items"))
        .isEmpty();
  }
}
