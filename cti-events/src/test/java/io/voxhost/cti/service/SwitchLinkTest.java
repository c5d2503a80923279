package io.voxhost.cti.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PBX link's settings: each wrong one stops the node naming its key; the secret stays hidden. */
class SwitchLinkTest {

  @Test
  void aLinkIsReadWithItsDefaultsAndNeverPrintsItsSecret() {
    SwitchLink l = SwitchLink.of("office", SwitchSettings.ami("[::1]:5038", "voxhost", "p4ss"));
    assertThat(l.kind()).isEqualTo(SwitchLink.Kind.AMI);
    assertThat(l.host()).isEqualTo("::1");
    assertThat(l.port()).isEqualTo(5038);
    assertThat(l.address()).isEqualTo("[::1]:5038");
    assertThat(l.instance()).isEqualTo("office");
    assertThat(l.toString()).doesNotContain("p4ss");
  }

  @Test
  void eachWrongSettingNamesItsKey() {
    assertThatThrownBy(() -> SwitchLink.of("Office", SwitchSettings.ami("h:1", "u", "s")))
        .hasMessageContaining("voxhost.cti.switches: a name");
    assertThatThrownBy(() -> SwitchLink.of("o", SwitchSettings.ami("h", "u", "s")))
        .hasMessageContaining("voxhost.cti.switches.o.address");
    assertThatThrownBy(() -> SwitchLink.of("o", SwitchSettings.ami("h:70000", "u", "s")))
        .hasMessageContaining(".address");
    assertThatThrownBy(() -> SwitchLink.of("o", SwitchSettings.ami("h:1", null, "s")))
        .hasMessageContaining(".username");
    assertThatThrownBy(() -> SwitchLink.of("o", SwitchSettings.ami("h:1", "u", null)))
        .hasMessageContaining(".secret or secret-file");
    // A line end in the secret would be a second AMI header: Events: on, or another action.
    assertThatThrownBy(
            () -> SwitchLink.of("o", SwitchSettings.ami("h:1", "u", "s\r\nAction: Logoff")))
        .hasMessageContaining("no line ends");
    assertThatThrownBy(() -> SwitchLink.of("o", SwitchSettings.ami("h:1", "a user", "s")))
        .hasMessageContaining("no line ends");
  }

  @Test
  void aSecretFilesFirstLineIsTheSecret(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pbx.secret");
    Files.writeString(file, "  from-file \nsecond line\n");
    SwitchSettings s = SwitchSettings.ami("pbx.example.net:8021", null, null);
    SwitchSettings esl =
        new SwitchSettings(
            s.tenant(),
            "esl",
            s.address(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(file),
            Optional.of("fs-1"),
            s.amiEvents(),
            s.connectTimeout(),
            s.keepAlive(),
            s.maxBackoff());
    SwitchLink l = SwitchLink.of("fs", esl);
    assertThat(l.secret()).isEqualTo("from-file");
    assertThat(l.instance()).isEqualTo("fs-1");
    assertThat(l.username()).isEmpty();
    Files.writeString(file, "\n");
    assertThatThrownBy(() -> SwitchLink.of("fs", esl)).hasMessageContaining("first line is empty");
  }
}
