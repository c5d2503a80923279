package io.voxhost.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL never lets anyone in without the password, over TCP or its Unix socket,
 * from the moment initdb has run: the attacks are a passwordless and a wrong-password connection,
 * and a bare protocol start-up that would be answered "authentication ok" under {@code trust}.
 */
class EmbeddedDatabaseTest {

  private static final Duration STARTUP = Duration.ofSeconds(60);

  /** PostgreSQL's AuthenticationOk and AuthenticationSASL request codes. */
  private static final int AUTHENTICATION_OK = 0;

  private static final int AUTHENTICATION_SASL = 10;

  @TempDir Path dir;

  @Test
  void refusesEveryConnectionWithoutThePasswordFromInitdbOn() throws Exception {
    try (EmbeddedDatabase db = start()) {
      String hba = Files.readString(dir.resolve("pg").resolve("pg_hba.conf"));
      assertThat(hba)
          .as("initdb's own file, never rewritten: it trusted no one from the start")
          .startsWith("# PostgreSQL Client Authentication Configuration File");
      assertThat(rules(hba)).isNotEmpty().allMatch(rule -> rule.endsWith("scram-sha-256"));
      assertThat(EmbeddedDatabase.trustsAnyone(hba)).isFalse();

      assertRefusesStrangers(db);
    }
  }

  @Test
  void aClusterThatTrustedLocalUsersRequiresPasswordsFromItsNextStart() throws Exception {
    try (EmbeddedDatabase db = start()) {
      assertThat(query(db, "select 1")).isEqualTo("1");
    }
    // What a cluster made by an older version, or an operator's edit, may hold.
    Path hba = dir.resolve("pg").resolve("pg_hba.conf");
    String trusting =
        "local all all trust\nhost all all 127.0.0.1/32 trust\n" + Files.readString(hba);
    Files.writeString(hba, trusting, StandardOpenOption.TRUNCATE_EXISTING);
    assertThat(EmbeddedDatabase.trustsAnyone(trusting)).isTrue();

    try (EmbeddedDatabase db = start()) {
      assertThat(EmbeddedDatabase.trustsAnyone(Files.readString(hba))).isFalse();
      assertRefusesStrangers(db);
    }
  }

  @Test
  void readsTrustOnlyInRulesNotInComments() {
    assertThat(EmbeddedDatabase.trustsAnyone("# host all all 0.0.0.0/0 trust\n")).isFalse();
    assertThat(EmbeddedDatabase.trustsAnyone("host\tall all ::1/128   trust # x\n")).isTrue();
    assertThat(EmbeddedDatabase.trustsAnyone("local all trusted scram-sha-256\n")).isFalse();
  }

  private EmbeddedDatabase start() {
    return EmbeddedDatabase.start(
        dir.resolve("pg"),
        EmbeddedPostgresResource.binariesDir(),
        dir.resolve("pg.secret"),
        STARTUP);
  }

  private void assertRefusesStrangers(EmbeddedDatabase db) throws Exception {
    String url = db.target().jdbcUrl() + "?connectTimeout=10&socketTimeout=10";
    Properties noPassword = new Properties();
    noPassword.setProperty("user", "postgres");
    assertThatThrownBy(() -> DriverManager.getConnection(url, noPassword).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password");
    Properties wrongPassword = new Properties();
    wrongPassword.setProperty("user", "postgres");
    wrongPassword.setProperty("password", db.target().password() + "x");
    assertThatThrownBy(() -> DriverManager.getConnection(url, wrongPassword).close())
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");

    int port = Integer.parseInt(query(db, "show port"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            tcp.setSoTimeout(5_000);
            tcp.getOutputStream().write(startupMessage());
            assertThat(authenticationRequest(tcp.getInputStream()))
                .as("over TCP the server asks for SCRAM, it does not let us in")
                .isEqualTo(AUTHENTICATION_SASL);
          }
          List<Path> sockets = new ArrayList<>();
          for (String socketDir : query(db, "show unix_socket_directories").split(",")) {
            Path socket = Path.of(socketDir.trim()).resolve(".s.PGSQL." + port);
            if (!socketDir.isBlank() && Files.exists(socket)) {
              sockets.add(socket);
            }
          }
          for (Path socket : sockets) {
            try (SocketChannel local = SocketChannel.open(StandardProtocolFamily.UNIX)) {
              local.connect(UnixDomainSocketAddress.of(socket));
              local.write(ByteBuffer.wrap(startupMessage()));
              assertThat(authenticationRequest(Channels.newInputStream(local)))
                  .as("over the Unix socket " + socket)
                  .isEqualTo(AUTHENTICATION_SASL);
            }
          }
        });
  }

  private static String query(EmbeddedDatabase db, String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                db.target().jdbcUrl(), db.target().user(), db.target().password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  /** A protocol 3.0 StartupMessage for the superuser: what any local program can send. */
  private static byte[] startupMessage() {
    byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(8 + params.length)
        .putInt(8 + params.length)
        .putInt(196608)
        .put(params)
        .array();
  }

  /** The code of the server's first authentication request; -1 if it refused outright. */
  private static int authenticationRequest(InputStream in) throws IOException {
    byte[] head = in.readNBytes(9);
    assertThat(head).hasSize(9);
    if (head[0] == 'E') {
      return -1;
    }
    assertThat((char) head[0]).isEqualTo('R');
    int code = ByteBuffer.wrap(head, 5, 4).getInt();
    assertThat(code)
        .as("AuthenticationOk would mean no password was needed")
        .isNotEqualTo(AUTHENTICATION_OK);
    return code;
  }

  private static List<String> rules(String hba) {
    return hba.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
