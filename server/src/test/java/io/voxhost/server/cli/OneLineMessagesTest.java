package io.voxhost.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The admin commands' errors fit one line and say each thing once. */
class OneLineMessagesTest {

  @Test
  void aProblemSaysItsTitleAndDetailAndOnlyTheFieldsTheDetailLeftOut() {
    NodeApi.Answer conflict =
        new NodeApi.Answer(
            409,
            "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"a tenant with slug 'acme' already"
                + " exists\",\"errors\":[{\"field\":\"slug\",\"message\":\"a tenant with slug"
                + " 'acme' already exists\"}]}");
    assertThat(conflict.problem())
        .isEqualTo("Conflict: a tenant with slug 'acme' already exists (HTTP 409)");

    NodeApi.Answer invalid =
        new NodeApi.Answer(
            400,
            "{\"title\":\"Invalid request\",\"status\":400,\"errors\":[{\"field\":\"label\","
                + "\"message\":\"must not be blank\"},{\"field\":\"scope\",\"message\":\"must be"
                + " one of full, read-only, recordings-read\"}]}");
    assertThat(invalid.problem())
        .isEqualTo(
            "Invalid request: label: must not be blank: scope: must be one of full, read-only,"
                + " recordings-read (HTTP 400)");
  }

  @Test
  void anAnswerThatIsNotAProblemIsShownFlat() {
    assertThat(new NodeApi.Answer(502, "<html>\n bad gateway\n</html>").problem())
        .isEqualTo("HTTP 502: <html> bad gateway </html>");
    assertThat(new NodeApi.Answer(500, "").problem()).isEqualTo("HTTP 500");
  }

  @Test
  void smallRyeProblemsBecomeOneLineEachNamingItsKey() {
    String message =
        "configuration: Configuration validation failed: java.lang.IllegalArgumentException:"
            + " SRCFG00039: The config property voxhost.db.connect-timeout with the config value"
            + " \"soon\" threw an Exception whilst being converted Invalid duration: soon"
            + " java.lang.IllegalArgumentException: SRCFG00039: The config property"
            + " voxhost.sip.threads with the config value \"x\" threw an Exception whilst being"
            + " converted Expected an integer value, got \"x\"";
    assertThat(ConfigCheck.oneLine(message))
        .isEqualTo(
            "invalid configuration: voxhost.db.connect-timeout = \"soon\": Invalid duration: soon;"
                + " voxhost.sip.threads = \"x\": Expected an integer value, got \"x\"");
  }
}
