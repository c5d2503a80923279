package io.voxhost.sip.api;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.sip.transport.SipPortResource;
import io.voxhost.sip.transport.SipTestClient;
import java.util.List;
import java.util.Map;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dial plan and registrations APIs, and what they do to real SIP requests. */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RoutesAndRegistrationsTest {

  private static final String ROUTES = "/api/v1/sip/routes";
  private static final String REGISTRATIONS = "/api/v1/sip/registrations";

  private SipTestClient sip;
  private TenantKey tenant;
  private String domain;

  @BeforeEach
  void setUp() throws Exception {
    sip = new SipTestClient("127.0.0.1", SipPortResource.port());
    tenant = ApiClient.newTenant("routes");
    domain = tenant.slug() + ".example.net";
    as(ApiClient.adminKey())
        .body(Map.of("sipRegisterAuth", false))
        .patch("/api/v1/admin/tenants/" + tenant.slug())
        .then()
        .statusCode(200);
    // The test client is the tenant's trusted peer: it gets the real answers (302, 404, 480).
    as(tenant.key())
        .body(Map.of("network", "127.0.0.1/32"))
        .post("/api/v1/sip/peers")
        .then()
        .statusCode(201);
  }

  @AfterEach
  void tearDown() {
    sip.close();
  }

  private Response invite(String user) throws Exception {
    return sip.send(sip.request(Request.INVITE, user, domain).build(), "udp");
  }

  private static String contact(Response response) {
    return ((ContactHeader) response.getHeader(ContactHeader.NAME))
        .getAddress()
        .getURI()
        .toString();
  }

  @Test
  void routesByTheFirstMatchingRuleBeforeTheLocationLookup() throws Exception {
    as(tenant.key())
        .body(Map.of("pattern", "^9(\\d+)$", "target", "sip:$1@carrier.example"))
        .post(ROUTES)
        .then()
        .statusCode(201)
        .body("position", equalTo(1));
    as(tenant.key())
        .body(
            Map.of(
                "pattern", "^\\+1(\\d{10})$",
                "target", "sip:+1$1@trunk.example;user=phone",
                "normalize", "e164",
                "region", "US"))
        .post(ROUTES)
        .then()
        .statusCode(201)
        .body("position", equalTo(2));
    as(tenant.key()).get(ROUTES).then().body("pattern", contains("^9(\\d+)$", "^\\+1(\\d{10})$"));

    Response outside = invite("95551234");
    assertThat(outside.getStatusCode()).isEqualTo(302);
    assertThat(contact(outside)).isEqualTo("sip:5551234@carrier.example");

    Response national = invite("(202)555-0123");
    assertThat(national.getStatusCode()).isEqualTo(302);
    assertThat(contact(national)).isEqualTo("sip:+12025550123@trunk.example;user=phone");

    assertThat(invite("1001").getStatusCode()).isEqualTo(404);
  }

  @Test
  void insertsReplacesAndDeletesRulesKeepingTheOrder() {
    String first =
        as(tenant.key())
            .body(Map.of("pattern", "^1$", "target", "sip:one@x.example"))
            .post(ROUTES)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(tenant.key())
        .body(Map.of("pattern", "^0$", "target", "sip:zero@x.example", "position", 1))
        .post(ROUTES)
        .then()
        .statusCode(201);
    as(tenant.key()).get(ROUTES).then().body("pattern", contains("^0$", "^1$"));
    as(tenant.key()).delete(ROUTES + "/" + first).then().statusCode(204);
    as(tenant.key()).get(ROUTES).then().body("position", contains(1));
    as(tenant.key())
        .body(
            List.of(
                Map.of("pattern", "^a$", "target", "sip:a@x.example"),
                Map.of("pattern", "^b$", "target", "sip:b@x.example")))
        .put(ROUTES)
        .then()
        .statusCode(200)
        .body("position", contains(1, 2));
    TenantKey other = ApiClient.newTenant("routeso");
    as(other.key()).get(ROUTES).then().body("$", hasSize(0));
  }

  @Test
  void refusesBadRulesNamingTheField() {
    as(tenant.key())
        .body(Map.of("pattern", "^(unclosed$", "target", "sip:x@x.example"))
        .post(ROUTES)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("pattern"));
    as(tenant.key())
        .body(Map.of("pattern", "^(\\d+)$", "target", "sip:$2@x.example"))
        .post(ROUTES)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("target"));
    as(tenant.key())
        .body(Map.of("pattern", "^1$", "target", "http://x.example"))
        .post(ROUTES)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("target"));
    as(tenant.key()).get(ROUTES).then().body("$", hasSize(0));
  }

  @Test
  void aCatastrophicPatternDoesNotStallTheServer() throws Exception {
    as(tenant.key())
        .body(Map.of("pattern", "^(a+)+$", "target", "sip:x@x.example"))
        .post(ROUTES)
        .then()
        .statusCode(201);
    long start = System.nanoTime();
    Response answer = invite("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
    assertThat(answer.getStatusCode()).isEqualTo(404);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  @Test
  void listsAndForceUnregistersBindings() throws Exception {
    Response ok =
        sip.send(
            sip.request(Request.REGISTER, "carol", domain)
                .contact("sip:carol@192.0.2.90:5070", 900, null)
                .build(),
            "udp");
    assertThat(ok.getStatusCode()).isEqualTo(200);
    as(tenant.key())
        .get(REGISTRATIONS + "?aor=sip:carol@" + domain)
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].aor", equalTo("sip:carol@" + domain))
        .body("[0].contact", equalTo("sip:carol@192.0.2.90:5070"))
        .body("[0].transport", equalTo("udp"))
        .body("[0].source", org.hamcrest.Matchers.startsWith("127.0.0.1:"));
    TenantKey other = ApiClient.newTenant("regso");
    as(other.key()).get(REGISTRATIONS).then().body("$", hasSize(0));
    as(other.key()).delete(REGISTRATIONS + "/carol").then().statusCode(404);

    as(tenant.key()).delete(REGISTRATIONS + "/carol").then().statusCode(204);
    as(tenant.key()).get(REGISTRATIONS + "?aor=carol").then().body("$", hasSize(0));
    assertThat(invite("carol").getStatusCode()).isEqualTo(404);
  }
}
