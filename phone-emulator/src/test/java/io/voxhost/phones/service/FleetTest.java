package io.voxhost.phones.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.phones.codec.PhoneModel;
import io.voxhost.phones.codec.SipAnswer;
import io.voxhost.phones.codec.SipIncoming;
import io.voxhost.phones.transport.FleetSetup;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A fleet's phases paced as asked: a ramp boots so many phones a second, a storm all at once. The
 * phones' files come from memory and their REGISTERs reach a registrar in memory that challenges
 * the first and accepts the answer, so only the fleet's own timing is under test here (the real
 * node is PhoneFleetIT's).
 */
class FleetTest {

  private static final Pattern BRANCH = Pattern.compile("branch=([^;\\r\\n]+)");

  /** Answers a REGISTER without Authorization with 401, one with it with 200. */
  static final class Registrar implements SipRequests {
    final Map<String, Integer> registers = new ConcurrentHashMap<>();

    @Override
    public String host() {
      return "127.0.1.1";
    }

    @Override
    public int port() {
      return 40000;
    }

    @Override
    public CompletableFuture<SipAnswer> request(String text, String branch, InetSocketAddress to) {
      Matcher m = BRANCH.matcher(text);
      assertThat(m.find()).isTrue();
      boolean answered = text.contains("\r\nAuthorization: Digest ");
      registers.merge(answered ? "authorized" : "first", 1, Integer::sum);
      return CompletableFuture.completedFuture(
          new SipAnswer(
              answered ? 200 : 401,
              m.group(1),
              "REGISTER",
              Optional.of("t"),
              answered ? List.of() : List.of("Digest realm=\"f\", nonce=\"n\", qop=\"auth\""),
              List.of(),
              Optional.of(3600)));
    }

    @Override
    public void send(String text, InetSocketAddress to) {}

    @Override
    public void listen(String user, Consumer<SipIncoming> phone) {}
  }

  private static final FileSource FILES =
      request ->
          ("account.1.enable = 1\naccount.1.user_name = u"
                  + request.name().substring(6, 12)
                  + "\naccount.1.password = p\naccount.1.sip_server.1.address = 127.0.0.1\n")
              .getBytes(StandardCharsets.UTF_8);

  private static Fleet fleet(Registrar registrar, int phones) {
    List<Handset> handsets =
        FleetSetup.members(1, phones, 1, PhoneModel.parseAll("yealink")).stream()
            .map(m -> new Handset(m.mac(), m.model(), Optional.empty()))
            .toList();
    return new Fleet(
        new FleetOptions(Optional.empty(), 3600, 4),
        handsets,
        List.of(registrar),
        FILES,
        1,
        Callees.local(1, phones, FleetSetup::user),
        Optional.empty());
  }

  @Test
  void aRampBootsSoManyASecondAndAStormAllAtOnce() throws Exception {
    Registrar registrar = new Registrar();
    try (Fleet f = fleet(registrar, 10)) {
      PhaseStats ramp = f.ramp(20, Duration.ofSeconds(10));
      assertThat(ramp.summary().registered()).isEqualTo(10);
      // The tenth phone boots 9/20 s after the first.
      assertThat(ramp.summary().seconds()).isGreaterThanOrEqualTo(0.45);
      PhaseStats storm = f.bootStorm(Duration.ofSeconds(10));
      assertThat(storm.summary().registered()).isEqualTo(10);
      assertThat(storm.summary().seconds()).isLessThan(ramp.summary().seconds());
    }
    assertThat(registrar.registers).containsEntry("first", 20).containsEntry("authorized", 20);
  }
}
