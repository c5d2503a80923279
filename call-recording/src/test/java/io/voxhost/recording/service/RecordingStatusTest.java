package io.voxhost.recording.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words the API has always shown and the status column's check constraint allows. */
class RecordingStatusTest {

  @Test
  void eachStatusIsTheWordTheApiAndTheDatabaseUse() {
    assertThat(Arrays.stream(RecordingStatus.values()).map(RecordingStatus::value))
        .containsExactly("in-progress", "processing", "completed", "failed", "absent");
  }

  @Test
  void jsonCarriesTheWordNeverTheConstantsName() throws Exception {
    assertThat(new ObjectMapper().writeValueAsString(Map.of("status", RecordingStatus.IN_PROGRESS)))
        .isEqualTo("{\"status\":\"in-progress\"}");
  }

  @Test
  void aWordNamesItsStatusAndNothingElseDoes() {
    for (RecordingStatus s : RecordingStatus.values()) {
      assertThat(RecordingStatus.fromValue(s.value())).contains(s);
    }
    assertThat(RecordingStatus.fromValue("COMPLETED")).isEmpty();
    assertThat(RecordingStatus.fromValue("")).isEmpty();
    assertThat(RecordingStatus.fromValue(null)).isEmpty();
  }
}
