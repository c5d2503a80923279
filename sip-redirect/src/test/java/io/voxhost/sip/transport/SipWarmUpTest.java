package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.ContactSpec;
import io.voxhost.sip.service.LocationStore;
import io.voxhost.sip.service.RegisterOutcome;
import io.voxhost.sip.service.RegisterRequest;
import io.voxhost.sip.service.RegistrationService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sip.SipFactory;
import org.junit.jupiter.api.Test;

/**
 * The SIP warm-up goes through the parser, the registrar and a rolled-back binding write, and
 * leaves nothing behind: no binding, no registration event, no request in the role's metrics.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipWarmUpTest {

  private static final UUID NO_TENANT = new UUID(0, 0);

  @Inject SipEndpoint endpoint;
  @Inject RegistrationService registrations;
  @Inject LocationStore location;
  @Inject AgroalDataSource dataSource;
  @Inject MeterRegistry meters;

  @Test
  void warmUpRunsItsRoundsAndLeavesNothingBehind() throws Exception {
    double requestsBefore = sipRequests();
    long rowsBefore = rows("select count(*) from sip.binding");
    long eventsBefore = rows("select count(*) from platform.outbox");

    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    int rounds = endpoint.warmUp(new SipResponses(factory), 300, Duration.ofSeconds(60));

    assertThat(rounds).isEqualTo(300);
    assertThat(rows("select count(*) from sip.binding")).isEqualTo(rowsBefore);
    assertThat(rows("select count(*) from platform.outbox")).isEqualTo(eventsBefore);
    assertThat(sipRequests()).isEqualTo(requestsBefore);
    assertThat(location.lookup(new AddressOfRecord(NO_TENANT, "user1", SipWarmUp.DOMAIN), now()))
        .isEmpty();
  }

  @Test
  void rehearsedRegistersAreRegisteredButNotKept() throws Exception {
    List<RegisterRequest> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      AddressOfRecord aor = new AddressOfRecord(NO_TENANT, "rehearsed" + i, SipWarmUp.DOMAIN);
      requests.add(
          new RegisterRequest(
              aor,
              false,
              List.of(
                  new ContactSpec(
                      "sip:rehearsed" + i + "@192.0.2.40:5062",
                      "sip:rehearsed" + i + "@192.0.2.40:5062",
                      600,
                      null,
                      null,
                      null)),
              null,
              "call-" + i,
              1,
              "test",
              List.of(),
              "192.0.2.40:5062",
              "udp",
              now()));
    }

    List<RegisterOutcome> outcomes = registrations.rehearse(requests);

    assertThat(outcomes).hasSize(20).allMatch(o -> o instanceof RegisterOutcome.Registered);
    assertThat(((RegisterOutcome.Registered) outcomes.get(0)).bindings())
        .singleElement()
        .satisfies(b -> assertThat(b.contactUri()).isEqualTo("sip:rehearsed0@192.0.2.40:5062"));
    assertThat(rows("select count(*) from sip.binding where tenant_id = '" + NO_TENANT + "'"))
        .isZero();
    assertThat(location.lookup(requests.get(0).aor(), now())).isEmpty();
  }

  private static Instant now() {
    return Instant.now();
  }

  private double sipRequests() {
    return meters.find("voxhost_sip_requests").functionCounters().stream()
        .mapToDouble(FunctionCounter::count)
        .sum();
  }

  private long rows(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
