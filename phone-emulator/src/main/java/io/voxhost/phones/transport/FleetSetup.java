package io.voxhost.phones.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.phones.codec.PhoneModel;
import io.voxhost.phones.service.Handset;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What an admin would do before the phones boot, through the node's API with a tenant key: the
 * tenant's files served to any source (a lab bench's fetch policy), one SIP account per phone and
 * one device per phone (its maker and model) with that account as its line, each in one CSV import.
 */
public final class FleetSetup {

  /**
   * A phone of the fleet: its MAC, its model, its line's account, and the HTTP credentials for its
   * files (given to the node only under the fetch policy {@code credentials}).
   */
  public record Member(
      String mac, PhoneModel model, String user, String password, Handset.Login login) {

    @Override
    public String toString() {
      return "Member[" + mac + ", " + model + ", " + user + "]";
    }
  }

  /** Device updates in flight at once when credentials are given one device at a time. */
  static final int DEVICE_PUTS = 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeApi api;

  public FleetSetup(URI api, String key, javax.net.ssl.SSLContext tls) {
    this.api = new NodeApi(api, key, tls);
  }

  /**
   * {@code count} members: MACs {@code 02:56:48:xx:xx:xx} (locally administered) from {@code
   * first}, {@code models} taking turns by number, users {@code phone<n>}, random passwords.
   */
  public static List<Member> members(int first, int count, long seed, List<PhoneModel> models) {
    Random random = new Random(seed);
    List<Member> out = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      String mac =
          String.format("02:56:48:%02x:%02x:%02x", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
      byte[] secret = new byte[12];
      random.nextBytes(secret);
      byte[] http = new byte[12];
      random.nextBytes(http);
      out.add(
          new Member(
              mac,
              PhoneModel.of(models, i),
              user(i),
              HexFormat.of().formatHex(secret),
              new Handset.Login("dev" + i, HexFormat.of().formatHex(http))));
    }
    return out;
  }

  /** The SIP user of phone number {@code n}: its line, the one its callers dial. */
  public static String user(int n) {
    return "phone" + n;
  }

  /**
   * Creates (or updates) the members' accounts and devices, under fetch policy {@code open} or,
   * with {@code credentials}, {@code credentials}: each device then gets its member's HTTP login.
   */
  public void apply(List<Member> members, boolean credentials)
      throws IOException, InterruptedException {
    send(
        "PUT",
        "/api/v1/provisioning/settings",
        "application/json",
        "{\"fetchPolicy\":\"" + (credentials ? "credentials" : "open") + "\"}");
    StringBuilder accounts = new StringBuilder("username,password,displayName\n");
    StringBuilder devices =
        new StringBuilder(
            "mac,vendor,model,site,timeZone,language,lineUser,lineDisplayName,linePassword\n");
    for (Member m : members) {
      accounts.append(m.user()).append(',').append(m.password()).append(',').append(m.user());
      accounts.append('\n');
      devices
          .append(m.mac())
          .append(',')
          .append(m.model().vendor().id())
          .append(',')
          .append(m.model().name())
          .append(",,UTC,,")
          .append(m.user())
          .append(',')
          .append(m.user())
          .append(',')
          .append(m.password())
          .append('\n');
    }
    send("POST", "/api/v1/sip/subscribers/import", "text/csv", accounts.toString());
    send("POST", "/api/v1/provisioning/devices/import", "text/csv", devices.toString());
    if (credentials) {
      logins(members);
    }
  }

  /**
   * The keys (Call-IDs, for calls the SIP role redirected) of the tenant's call records that
   * started at or after {@code since}, read page by page from the cti role's API; empty when the
   * node runs no cti role.
   */
  public Optional<Set<String>> callKeys(Instant since) throws IOException, InterruptedException {
    Set<String> keys = new HashSet<>();
    String cursor = null;
    do {
      HttpResponse<String> r =
          api.send(
              api.request(
                      "/api/v1/cti/calls?limit=1000&from="
                          + since
                          + (cursor == null
                              ? ""
                              : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                      Duration.ofMinutes(1))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      if (r.statusCode() != 200) {
        throw new IOException("GET /api/v1/cti/calls: HTTP " + r.statusCode());
      }
      JsonNode page = JSON.readTree(r.body());
      page.path("items").forEach(c -> keys.add(c.path("key").asText()));
      cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
    } while (cursor != null);
    return Optional.of(keys);
  }

  /** Each device again with its HTTP login (no import carries one), a few at a time. */
  private void logins(List<Member> members) throws IOException, InterruptedException {
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(DEVICE_PUTS);
    List<java.util.concurrent.CompletableFuture<?>> puts = new ArrayList<>();
    java.util.Queue<String> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (Member m : members) {
      slots.acquire();
      var device = JSON.createObjectNode();
      device.put("mac", m.mac()).put("vendor", m.model().vendor().id());
      device.put("model", m.model().name()).put("timeZone", "UTC");
      device
          .putArray("lines")
          .addObject()
          .put("user", m.user())
          .put("displayName", m.user())
          .put("password", m.password());
      device.put("httpUser", m.login().user()).put("httpPassword", m.login().password());
      String path = "/api/v1/provisioning/devices/" + m.mac();
      puts.add(
          api.sendAsync(
                  api.build(
                      "PUT", path, "application/json", device.toString(), Duration.ofMinutes(1)))
              .whenComplete(
                  (r, e) -> {
                    slots.release();
                    if (e != null || r.statusCode() / 100 != 2) {
                      refused.add(
                          "PUT "
                              + path
                              + ": "
                              + (e != null ? e.toString() : "HTTP " + r.statusCode()));
                    }
                  }));
    }
    java.util.concurrent.CompletableFuture.allOf(
            puts.toArray(java.util.concurrent.CompletableFuture[]::new))
        .handle((v, e) -> null)
        .join();
    if (!refused.isEmpty()) {
      throw new IOException(
          refused.size() + " devices refused their logins, first: " + refused.peek());
    }
  }

  private String send(String method, String path, String type, String body)
      throws IOException, InterruptedException {
    return api.expect2xx(api.build(method, path, type, body, Duration.ofMinutes(2)));
  }
}
