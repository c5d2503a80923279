package io.voxhost.platform.node.systemd;

import io.quarkus.logging.LoggingFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.jboss.logmanager.ExtLogRecord;

/**
 * When the console is systemd's journal, gives each record its syslog priority as a prefix ({@code
 * <3>} error, {@code <4>} warning, {@code <6>} info, {@code <7>} debug), which journald takes off
 * and keeps as the entry's priority, so {@code journalctl -p err} finds the errors. The console
 * format starts with {@code %X{priority}}; this filter fills it in on every record and lets all
 * through. It is the journal when {@code $JOURNAL_STREAM} names the device and inode of the
 * process's standard output (systemd.exec(5)): output redirected elsewhere by a wrapper gets no
 * prefixes.
 */
@LoggingFilter(name = "journal-priority")
public final class JournalPriority implements Filter {

  static final String KEY = "priority";

  private final boolean journal;

  public JournalPriority() {
    this(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/1"));
  }

  JournalPriority(String journalStream, Path standardOutput) {
    this.journal = isJournal(journalStream, standardOutput);
  }

  /**
   * {@code text} as an error on standard error: each of its lines with {@code <3>} in front when
   * standard error is the journal, so that {@code journalctl -p err} finds what the node prints
   * before its logging exists or outside it (a configuration error, a failed start, its stack
   * trace). Print it with {@code System.err.println}.
   */
  public static String error(String text) {
    return error(text, System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/2"));
  }

  static String error(String text, String journalStream, Path standardError) {
    if (!isJournal(journalStream, standardError)) {
      return text;
    }
    return text.lines().map(line -> "<3>" + line).collect(Collectors.joining("\n"));
  }

  /** Whether {@code journalStream} ({@code <device>:<inode>}) is {@code standardOutput}. */
  static boolean isJournal(String journalStream, Path standardOutput) {
    if (journalStream == null || journalStream.isBlank()) {
      return false;
    }
    String[] parts = journalStream.strip().split(":");
    if (parts.length != 2) {
      return false;
    }
    try {
      long device = Long.parseLong(parts[0]);
      long inode = Long.parseLong(parts[1]);
      Object dev = Files.getAttribute(standardOutput, "unix:dev");
      Object ino = Files.getAttribute(standardOutput, "unix:ino");
      return ((Number) dev).longValue() == device && ((Number) ino).longValue() == inode;
    } catch (NumberFormatException e) {
      return false;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // Without /proc or unix attributes the variable is all there is to go by.
      return true;
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    if (journal && record instanceof ExtLogRecord ext) {
      ext.putMdc(KEY, prefix(record.getLevel()));
    }
    return true;
  }

  /** The syslog priority of a JBoss or java.util.logging level, as journald reads it. */
  static String prefix(Level level) {
    int value = level.intValue();
    if (value >= 1100) { // FATAL
      return "<2>";
    }
    if (value >= Level.SEVERE.intValue()) { // ERROR
      return "<3>";
    }
    if (value >= Level.WARNING.intValue()) {
      return "<4>";
    }
    if (value >= Level.INFO.intValue()) {
      return "<6>";
    }
    return "<7>";
  }
}
