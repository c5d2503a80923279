package io.voxhost.platform.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog priorities for the journal, only when standard output is the journal's stream. */
class JournalPriorityTest {

  @TempDir Path dir;

  @Test
  void levelsMapToSyslogPriorities() {
    assertThat(JournalPriority.prefix(org.jboss.logmanager.Level.FATAL)).isEqualTo("<2>");
    assertThat(JournalPriority.prefix(org.jboss.logmanager.Level.ERROR)).isEqualTo("<3>");
    assertThat(JournalPriority.prefix(Level.SEVERE)).isEqualTo("<3>");
    assertThat(JournalPriority.prefix(org.jboss.logmanager.Level.WARN)).isEqualTo("<4>");
    assertThat(JournalPriority.prefix(Level.INFO)).isEqualTo("<6>");
    assertThat(JournalPriority.prefix(org.jboss.logmanager.Level.DEBUG)).isEqualTo("<7>");
    assertThat(JournalPriority.prefix(org.jboss.logmanager.Level.TRACE)).isEqualTo("<7>");
  }

  @Test
  void onlyTheStreamJournalStreamNamesGetsPrefixes() throws Exception {
    Path output = Files.writeString(dir.resolve("stdout"), "");
    String stream =
        Files.getAttribute(output, "unix:dev") + ":" + Files.getAttribute(output, "unix:ino");
    Path other = Files.writeString(dir.resolve("other"), "");

    JournalPriority journal = new JournalPriority(stream, output);
    ExtLogRecord error = new ExtLogRecord(org.jboss.logmanager.Level.ERROR, "boom", "test");
    assertThat(journal.isLoggable(error)).isTrue();
    assertThat(error.getMdc(JournalPriority.KEY)).isEqualTo("<3>");

    JournalPriority elsewhere = new JournalPriority(stream, other);
    ExtLogRecord info = new ExtLogRecord(Level.INFO, "hello", "test");
    assertThat(elsewhere.isLoggable(info)).isTrue();
    assertThat(info.getMdc(JournalPriority.KEY)).isNull();

    assertThat(JournalPriority.isJournal(null, output)).isFalse();
    assertThat(JournalPriority.isJournal("garbage", output)).isFalse();
  }

  @Test
  void anErrorOnStandardErrorCarriesItsPriorityOnEveryLineOnlyInTheJournal() throws Exception {
    Path stderr = Files.writeString(dir.resolve("stderr"), "");
    String stream =
        Files.getAttribute(stderr, "unix:dev") + ":" + Files.getAttribute(stderr, "unix:ino");
    String text = "voxhost: start-up failed: boom\n\tat a.b(C.java:1)";

    assertThat(JournalPriority.error(text, stream, stderr))
        .isEqualTo("<3>voxhost: start-up failed: boom\n<3>\tat a.b(C.java:1)");
    assertThat(JournalPriority.error(text, stream, Files.writeString(dir.resolve("tty"), "")))
        .isEqualTo(text);
    assertThat(JournalPriority.error(text, null, stderr)).isEqualTo(text);
  }
}
