package io.voxhost.platform.database;

import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.files.AtomicFile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server run by this node from the binaries bundled in the jar, with its data kept in
 * the node's data directory across restarts. It listens on loopback only and accepts password
 * authentication only (SCRAM-SHA-256), over TCP and its Unix socket, from initdb on: initdb is
 * given the password file and the method, so no {@code trust} line exists at any moment, not even
 * while the first start is under way. The password lives in a 0600 file next to the data.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
  private static final String SUPERUSER = "postgres";
  private static final String HBA_MARKER = "# voxhost: password authentication, loopback only";

  private final Path dataDir;
  private final Path secretFile;
  private final DatabaseTarget target;
  private final CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();

  private EmbeddedDatabase(Path dataDir, Path secretFile, int port, String password) {
    this.dataDir = dataDir;
    this.secretFile = secretFile;
    this.target =
        new DatabaseTarget(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password, true);
  }

  /** Starts PostgreSQL and waits until it accepts connections. */
  public static EmbeddedDatabase start(
      Path dataDir, Path binariesDir, Path secretFile, Duration startupWait) {
    EmbeddedDatabase database = launch(dataDir, binariesDir, secretFile, startupWait);
    database.awaitStarted();
    return database;
  }

  /**
   * Begins starting PostgreSQL on a free loopback port and returns at once, so the application can
   * boot while the server starts; its address and credentials are known already.
   *
   * @param dataDir the cluster's data directory, created by initdb when empty
   * @param binariesDir where the bundled binaries are unpacked (kept between runs)
   * @param secretFile the superuser password file
   * @param startupWait how long to wait for the server to accept connections
   */
  public static EmbeddedDatabase launch(
      Path dataDir, Path binariesDir, Path secretFile, Duration startupWait) {
    boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
    try {
      Files.createDirectories(dataDir);
      Files.createDirectories(binariesDir);
    } catch (IOException e) {
      throw new StartupFailure("cannot create " + dataDir + ": " + e.getMessage());
    }
    String password = DatabaseSecret.readOrCreate(secretFile, fresh);
    EmbeddedDatabase database =
        new EmbeddedDatabase(dataDir, secretFile, freeLoopbackPort(), password);
    Thread starter =
        new Thread(
            () -> database.run(fresh, binariesDir, startupWait), "voxhost-embedded-postgres");
    starter.setDaemon(true);
    starter.start();
    return database;
  }

  /**
   * Blocks until the server accepts connections; a failure to start is a {@link StartupFailure}.
   */
  public EmbeddedDatabase awaitStarted() {
    try {
      server.join();
      return this;
    } catch (CompletionException e) {
      if (e.getCause() instanceof StartupFailure failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** Whether the server is still starting: neither accepting connections nor failed yet. */
  public boolean starting() {
    return !server.isDone();
  }

  /** Runs {@code action} with the reason, if the server fails to start. */
  public void onFailure(Consumer<StartupFailure> action) {
    server.whenComplete(
        (started, failure) -> {
          if (failure instanceof StartupFailure startup) {
            action.accept(startup);
          }
        });
  }

  public DatabaseTarget target() {
    return target;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server (fast shutdown: open transactions roll back, then a checkpoint). */
  @Override
  public void close() {
    EmbeddedPostgres running;
    try {
      running = server.join();
    } catch (CompletionException e) {
      return; // It never started.
    }
    try {
      running.close();
      LOG.infof("Embedded PostgreSQL on %s stopped", dataDir);
    } catch (IOException e) {
      LOG.warnf("Embedded PostgreSQL did not stop cleanly: %s", e.getMessage());
    }
  }

  private void run(boolean fresh, Path binariesDir, Duration startupWait) {
    try {
      if (!fresh) {
        stopOrphan(dataDir);
      }
      EmbeddedPostgres started;
      try {
        started =
            EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(startupWait)
                .setPort(port())
                .setLocaleConfig("locale", "C")
                // More initdb options, which the library passes after its own "-A trust" (initdb
                // takes the last): the superuser's password from the secret file's first line, and
                // SCRAM for local and host lines alike, so that the cluster never trusts anyone.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", secretFile.toAbsolutePath().toString())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_truncate_on_rotation", "on")
                .setServerConfig("log_rotation_age", "1d")
                .setConnectConfig("password", target.password())
                .start();
      } catch (IOException | RuntimeException | Error e) {
        throw new StartupFailure(
            "embedded PostgreSQL did not start in "
                + dataDir
                + ": "
                + rootMessage(e)
                + " (its log is in "
                + dataDir.resolve("log")
                + ")");
      }
      restrictToOwnerWrites(binariesDir);
      try {
        requirePasswords(started, target.password());
      } catch (IOException | SQLException e) {
        closeQuietly(started);
        throw new StartupFailure("embedded PostgreSQL could not be secured: " + rootMessage(e));
      }
      LOG.infof("Embedded PostgreSQL listening on 127.0.0.1:%d, data in %s", port(), dataDir);
      server.complete(started);
    } catch (StartupFailure e) {
      server.completeExceptionally(e);
    } catch (Throwable e) { // Whatever happens, the waiting threads must learn of it.
      server.completeExceptionally(new StartupFailure("embedded PostgreSQL: " + rootMessage(e)));
    }
  }

  private int port() {
    String url = target.jdbcUrl();
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StartupFailure(
          "no free loopback port for the embedded database: " + e.getMessage());
    }
  }

  private static void closeQuietly(EmbeddedPostgres started) {
    try {
      started.close();
    } catch (IOException ignored) {
      // Start-up already failed; that error is the one reported.
    }
  }

  /**
   * A cluster made before initdb was told the method (or one an operator edited) may still trust
   * someone: such lines are replaced, and the superuser's password set, once, while they still let
   * this node in. A cluster initdb made with a password is left as initdb wrote it.
   */
  private void requirePasswords(EmbeddedPostgres started, String password)
      throws IOException, SQLException {
    Path hba = dataDir.resolve("pg_hba.conf");
    if (!trustsAnyone(Files.readString(hba, StandardCharsets.UTF_8))) {
      return;
    }
    LOG.warnf("%s trusted local connections: requiring passwords from now on", hba);
    try (Connection c = started.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
      Files.writeString(
          hba,
          HBA_MARKER
              + "\n"
              + "local all all scram-sha-256\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n",
          StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
    }
  }

  /** Whether a line of {@code pg_hba.conf} (not a comment) lets anyone in without a password. */
  static boolean trustsAnyone(String hba) {
    for (String line : hba.split("\n")) {
      String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
      for (String field : content.trim().split("\\s+")) {
        if (field.equals("trust")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A node killed with SIGKILL leaves its postmaster running; stop it before starting anew. The pid
   * file is trusted only if that process is a postgres serving this very directory.
   */
  private static void stopOrphan(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    Optional<ProcessHandle> orphan;
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
      orphan = ProcessHandle.of(Long.parseLong(firstLine)).filter(p -> servesDirectory(p, dataDir));
    } catch (IOException | RuntimeException e) {
      return; // A stale or unreadable pid file: PostgreSQL itself copes with it.
    }
    if (orphan.isEmpty()) {
      return;
    }
    LOG.infof("Stopping the PostgreSQL that an earlier process left running on %s", dataDir);
    ProcessHandle process = orphan.get();
    process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with that process
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean servesDirectory(ProcessHandle process, Path dataDir) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      List<String> args = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
      return !args.isEmpty()
          && args.get(0).endsWith("postgres")
          && args.contains(dataDir.toAbsolutePath().toString());
    } catch (IOException e) {
      return false;
    }
  }

  /** The unpacker leaves its directory world-writable; nobody else may swap our binaries. */
  private static void restrictToOwnerWrites(Path binariesDir) {
    try {
      Files.setPosixFilePermissions(binariesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warnf("Could not restrict permissions of %s: %s", binariesDir, e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  /** The superuser password file. */
  static final class DatabaseSecret {
    private DatabaseSecret() {}

    static String readOrCreate(Path file, boolean freshCluster) {
      try {
        if (Files.exists(file)) {
          return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        if (!freshCluster) {
          LOG.warnf(
              "%s is missing; a new password is set if the cluster still trusts local users", file);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        AtomicFile.at(file).ownerOnly().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        return password;
      } catch (IOException e) {
        throw new StartupFailure("cannot read or write " + file + ": " + e.getMessage());
      }
    }
  }
}
