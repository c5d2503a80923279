package io.voxhost.platform.node;

import java.util.List;

/**
 * What one reload did: the things read again, the changed settings that take effect only at the
 * next start (named, never their values), and what failed (the node goes on with what it had).
 */
public record ReloadReport(List<String> reloaded, List<String> needsRestart, List<String> failed) {

  public ReloadReport {
    reloaded = List.copyOf(reloaded);
    needsRestart = List.copyOf(needsRestart);
    failed = List.copyOf(failed);
  }

  public boolean succeeded() {
    return failed.isEmpty();
  }

  /**
   * One line for the log and systemd's {@code STATUS=}: {@code reloaded log levels, tftp templates;
   * needs a restart: voxhost.tftp.listen}.
   */
  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append(
        reloaded.isEmpty() ? "reloaded nothing" : "reloaded " + String.join(", ", reloaded));
    line.append(
        needsRestart.isEmpty()
            ? "; nothing needs a restart"
            : "; needs a restart: " + String.join(", ", needsRestart));
    if (!failed.isEmpty()) {
      line.append("; failed: ").append(String.join("; ", failed));
    }
    // STATUS= is one line, and so is a log line an admin greps.
    return line.toString().replaceAll("[\\r\\n]+", " ");
  }
}
