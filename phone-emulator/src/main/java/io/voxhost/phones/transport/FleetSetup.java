package io.voxhost.phones.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.phones.codec.PhoneModel;
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

  /** A phone of the fleet: its MAC, its model and its line's account. */
  public record Member(String mac, PhoneModel model, String user, String password) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeApi api;

  public FleetSetup(URI api, String key) {
    this.api = new NodeApi(api, key);
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
      out.add(new Member(mac, PhoneModel.of(models, i), user(i), HexFormat.of().formatHex(secret)));
    }
    return out;
  }

  /** The SIP user of phone number {@code n}: its line, the one its callers dial. */
  public static String user(int n) {
    return "phone" + n;
  }

  /** Creates (or updates) the members' accounts and devices. */
  public void apply(List<Member> members) throws IOException, InterruptedException {
    send("PUT", "/api/v1/provisioning/settings", "application/json", "{\"fetchPolicy\":\"open\"}");
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

  private String send(String method, String path, String type, String body)
      throws IOException, InterruptedException {
    return api.expect2xx(api.build(method, path, type, body, Duration.ofMinutes(2)));
  }
}
