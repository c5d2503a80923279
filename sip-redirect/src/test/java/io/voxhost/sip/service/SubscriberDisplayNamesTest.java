package io.voxhost.sip.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.transport.SipPortResource;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caller-name chain's first source, the tenant's own subscribers, with the SIP module present:
 * the display names come from the same memory the SIP role answers from.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SubscriberDisplayNamesTest {

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject CallerNames names;

  private UUID tenant;
  private UUID other;
  private String domain;

  @BeforeEach
  void setUp() {
    String slug = TestData.name("n");
    domain = slug + ".sip.test";
    tenant = tenants.create(slug, "Names", domain).id();
    other = tenants.create(TestData.name("o"), "Other", slug + ".other.test").id();
    subscribers.create(tenant, "1001", "reception-pass-1", "Reception");
  }

  private CallerName lookup(UUID who, String number) throws Exception {
    return names.lookup(who, number).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void namesTheTenantsSubscriberAsDialledAndAsASipUri() throws Exception {
    CallerName dialled = lookup(tenant, "1001");
    assertThat(dialled.name()).isEqualTo("Reception");
    assertThat(dialled.source()).isEqualTo(CallerName.SUBSCRIBER);
    assertThat(dialled.number()).isEqualTo("1001");

    CallerName uri = lookup(tenant, "sip:1001@" + domain);
    assertThat(uri.name()).isEqualTo("Reception");
    assertThat(uri.source()).isEqualTo("subscriber");
    // Read once: from now on memory answers without waiting.
    assertThat(names.inMemory(tenant, "1001")).map(CallerName::name).contains("Reception");
  }

  @Test
  void anotherTenantsSubscriberIsNotFound() throws Exception {
    assertThat(lookup(tenant, "1001").name()).isEqualTo("Reception");
    // For the other tenant 1001 is neither a subscriber nor a number it could read.
    assertThatThrownBy(() -> lookup(other, "1001"))
        .hasCauseInstanceOf(InvalidInput.class)
        .cause()
        .hasMessageContaining("nor one of the tenant's subscribers");
    assertThatThrownBy(() -> names.lookup(other, "sip:1001@" + domain).toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(InvalidInput.class);
  }

  @Test
  void aDisplayNameWithControlAndFormatCharactersComesOutClean() throws Exception {
    // The API refuses ASCII controls; a C1 control (NEL) and a bidi override get through it.
    subscribers.create(tenant, "1003", "front-desk-pass", "Front\u202e Desk\u0085");
    CallerName found = lookup(tenant, "1003");
    assertThat(found.name()).isEqualTo("Front Desk");
    assertThat(found.source()).isEqualTo("subscriber");
  }

  @Test
  void aSubscriberWithoutADisplayNameIsNoName() throws Exception {
    subscribers.create(tenant, "+14155550123", "number-user-pass", null);
    subscribers.create(tenant, "+14155550124", "number-user-pass", "   ");
    subscribers.create(tenant, "+14155550125", "number-user-pass", "Sales");
    assertThat(lookup(tenant, "+14155550123")).isEqualTo(CallerName.none("+14155550123"));
    assertThat(lookup(tenant, "+14155550124").source()).isEqualTo(CallerName.NONE);
    assertThat(lookup(tenant, "+14155550125").name()).isEqualTo("Sales");
  }
}
