package io.voxhost.platform.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxhost.platform.testing.NotifyReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify over a real Unix datagram socket, at a path and at an abstract name. */
class SystemdNotifierTest {

  private static final long PID = ProcessHandle.current().pid();

  @TempDir Path dir;

  @Test
  void speaksToASocketAtAPath() throws Exception {
    try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
        SystemdNotifier notifier = notifier(systemd, Map.of())) {
      exchange(systemd, notifier);
    }
  }

  @Test
  void speaksToAnAbstractSocketWithTheExactAddressLength() throws Exception {
    // An abstract name is all of its bytes: were the address padded, or NUL-terminated, the
    // kernel would look for another name and the datagrams would be lost.
    try (NotifyReceiver systemd = NotifyReceiver.abstractName();
        SystemdNotifier notifier = notifier(systemd, Map.of())) {
      assertThat(systemd.notifySocket()).startsWith("@");
      exchange(systemd, notifier);
    }
  }

  private static void exchange(NotifyReceiver systemd, SystemdNotifier notifier) {
    assertThat(notifier.listening()).isTrue();
    notifier.status("migrating");
    notifier.extendTimeout(Duration.ofSeconds(10));
    notifier.ready("sip udp 127.0.0.1:5060\nwith a second line");
    notifier.watchdog();
    notifier.reloading("reloading");
    notifier.reloaded("reloaded: templates");
    notifier.stopping("draining");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> systemd.notifications().size() == 7);
    var all = systemd.notifications();
    assertThat(all.get(0).text()).isEqualTo("STATUS=migrating");
    assertThat(all.get(1).text()).isEqualTo("EXTEND_TIMEOUT_USEC=10000000");
    assertThat(all.get(2).text())
        .isEqualTo("READY=1\nSTATUS=sip udp 127.0.0.1:5060 with a second line");
    assertThat(all.get(3).text()).isEqualTo("WATCHDOG=1");
    assertThat(all.get(4).has("RELOADING=1")).isTrue();
    assertThat(Long.parseLong(all.get(4).get("MONOTONIC_USEC"))).isPositive();
    assertThat(all.get(5).has("READY=1")).isTrue();
    assertThat(all.get(5).get("STATUS")).isEqualTo("reloaded: templates");
    assertThat(all.get(6).text()).isEqualTo("STOPPING=1\nSTATUS=draining");
  }

  @Test
  void sendsNothingWithoutNotifySocket() {
    try (SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of(), PID)) {
      assertThat(notifier.listening()).isFalse();
      notifier.ready("ready"); // nowhere to go, and no failure
      assertThat(notifier.watchdogInterval()).isEmpty();
    }
  }

  @Test
  void aSocketThatIsGoneIsLoggedNotThrown() throws Exception {
    Path path = dir.resolve("gone");
    SystemdNotifier notifier;
    try (NotifyReceiver systemd = NotifyReceiver.atPath(path)) {
      notifier = notifier(systemd, Map.of());
    }
    Files.deleteIfExists(path);
    try (notifier) {
      notifier.ready("ready");
      notifier.watchdog();
    }
  }

  @Test
  void watchdogIsHalfOfWatchdogUsecAndOnlyForThisProcess() {
    assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), PID))
        .contains(Duration.ofSeconds(15));
    assertThat(
            SystemdNotifier.watchdogInterval(
                Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", Long.toString(PID)), PID))
        .contains(Duration.ofSeconds(15));
    assertThat(
            SystemdNotifier.watchdogInterval(
                Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", Long.toString(PID + 1)), PID))
        .isEmpty();
    assertThat(SystemdNotifier.watchdogInterval(Map.of(), PID)).isEmpty();
    assertThat(SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), PID)).isEmpty();
  }

  @Test
  void addressesArePathsOrAbstractNames() throws Exception {
    assertThat(NotifySocket.address("/run/systemd/notify").path()).isEqualTo("/run/systemd/notify");
    assertThat(NotifySocket.address("@name").path()).isEqualTo("\0name");
    assertThatThrownBy(() -> NotifySocket.address("vsock:2:1234"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("NOTIFY_SOCKET");
    assertThatThrownBy(() -> NotifySocket.address("@")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> NotifySocket.address("/" + "x".repeat(200)))
        .isInstanceOf(IOException.class);
  }

  private static SystemdNotifier notifier(NotifyReceiver systemd, Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("NOTIFY_SOCKET", systemd.notifySocket());
    return SystemdNotifier.fromEnvironment(env, PID);
  }
}
