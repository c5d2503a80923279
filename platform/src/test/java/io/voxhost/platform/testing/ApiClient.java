package io.voxhost.platform.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls the running test application's API the way a client would. */
public final class ApiClient {

  private ApiClient() {}

  /** The admin key the node wrote on its first start. */
  public static String adminKey() {
    Path dataDir = ConfigProvider.getConfig().getValue("voxhost.data-dir", Path.class);
    try {
      return Files.readString(dataDir.resolve("admin.key")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
  }

  /** Creates a tenant with a unique slug and domain and returns one of its keys. */
  public static TenantKey newTenant(String namePrefix) {
    String slug = TestData.name(namePrefix);
    as(adminKey())
        .body(Map.of("slug", slug, "name", namePrefix + " Ltd", "sipDomain", slug + ".example.net"))
        .post("/api/v1/admin/tenants")
        .then()
        .statusCode(201);
    String key =
        as(adminKey())
            .body(Map.of("label", "test"))
            .post("/api/v1/admin/tenants/" + slug + "/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    return new TenantKey(slug, key);
  }

  /** The id of the tenant whose key this is. */
  public static UUID tenantId(TenantKey t) {
    return UUID.fromString(as(t.key()).get("/api/v1/tenant").then().extract().path("id"));
  }

  /** A tenant's slug and one of its API keys. */
  public record TenantKey(String slug, String key) {}
}
