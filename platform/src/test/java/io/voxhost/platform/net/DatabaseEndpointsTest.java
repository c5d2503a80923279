package io.voxhost.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.net.DatabaseEndpoints.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The database's endpoints read from its JDBC URL, as pgjdbc reads the hosts. */
class DatabaseEndpointsTest {

  /** Literals parse; "db.test" has two addresses; any other name does not resolve. */
  private static final HostResolver FIXED =
      host -> {
        if (host.equals("db.test")) {
          return List.of(literal("10.0.0.5"), literal("fd00::5"));
        }
        if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
          return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
      };

  private static InetAddress literal(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsOneHostWithItsPortOrTheDefault() {
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql://db.example.net:6543/voxhost"))
        .containsExactly(new Endpoint("db.example.net", 6543));
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql://db.example.net/voxhost?ssl=true"))
        .containsExactly(new Endpoint("db.example.net", 5432));
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql://10.1.2.3"))
        .containsExactly(new Endpoint("10.1.2.3", 5432));
  }

  @Test
  void readsEveryHostOfAMultiHostUrl() {
    assertThat(
            DatabaseEndpoints.parse(
                "jdbc:postgresql://pg1.example.net:5433,pg2.example.net,[fd00::7]:5434/voxhost"
                    + "?targetServerType=primary"))
        .containsExactly(
            new Endpoint("pg1.example.net", 5433),
            new Endpoint("pg2.example.net", 5432),
            new Endpoint("fd00::7", 5434));
  }

  @Test
  void readsIpv6LiteralsWithAndWithoutPort() {
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql://[::1]:55432/voxhost"))
        .containsExactly(new Endpoint("::1", 55432));
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql://[2001:db8::1]/voxhost"))
        .containsExactly(new Endpoint("2001:db8::1", 5432));
  }

  @Test
  void anEmptyHostIsLocalhost() {
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql:voxhost"))
        .containsExactly(new Endpoint("localhost", 5432));
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql:///voxhost"))
        .containsExactly(new Endpoint("localhost", 5432));
    assertThat(DatabaseEndpoints.parse("jdbc:postgresql://:6000/voxhost"))
        .containsExactly(new Endpoint("localhost", 6000));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:mysql://db.example.net:3306/voxhost",
        "postgresql://db.example.net/voxhost",
        "jdbc:postgresql://db.example.net:notaport/voxhost",
        "jdbc:postgresql://db.example.net:70000/voxhost",
        "jdbc:postgresql://[::1/voxhost",
        "jdbc:postgresql://[::1]x/voxhost"
      })
  void anotherOrBrokenUrlGivesNoEndpoint(String url) {
    assertThat(DatabaseEndpoints.parse(url)).isEmpty();
  }

  @Test
  void noUrlGivesNoEndpointAndAPolicyThatForbidsNothingMore() throws Exception {
    assertThat(DatabaseEndpoints.resolve(Optional.empty(), FIXED)).isEmpty();
    DatabaseEndpoints none = new DatabaseEndpoints(Optional.empty(), FIXED);
    assertThat(none.policy(true).refusal(literal("127.0.0.1"), 5432)).isEmpty();
  }

  @Test
  void resolvesEveryAddressOfEveryHostAndLeavesOutWhatDoesNotResolve() {
    assertThat(
            DatabaseEndpoints.resolve(
                Optional.of("jdbc:postgresql://db.test:6000,gone.test,127.0.0.1/voxhost"), FIXED))
        .containsExactly(
            new InetSocketAddress(literal("10.0.0.5"), 6000),
            new InetSocketAddress(literal("fd00::5"), 6000),
            new InetSocketAddress(literal("127.0.0.1"), 5432));
  }

  @Test
  void thePolicyRefusesTheDatabaseEvenWherePrivateTargetsAreAllowed() {
    DatabaseEndpoints database =
        new DatabaseEndpoints(Optional.of("jdbc:postgresql://db.test:6000/voxhost"), FIXED);
    OutboundPolicy policy = database.policy(true);
    assertThat(policy.refusal(literal("10.0.0.5"), 6000)).contains("the node's own database");
    assertThat(policy.refusal(literal("fd00::5"), 6000)).contains("the node's own database");
    assertThat(policy.refusal(literal("10.0.0.5"), 6001)).isEmpty();
    assertThat(database.policy(false).refusal(literal("10.0.0.5"), 6001)).isPresent();
  }
}
