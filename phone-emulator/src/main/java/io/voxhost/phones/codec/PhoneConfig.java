package io.voxhost.phones.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a phone reads from the file it fetched: its SIP lines. Yealink's {@code key = value} file
 * for now ({@code account.N.user_name}, {@code .auth_name}, {@code .password}, {@code
 * .sip_server.1.address}, {@code .sip_server.1.port}, {@code .sip_server_host}).
 */
public final class PhoneConfig {

  /** One SIP line: who registers where. */
  public record Line(
      int number,
      String user,
      String authUser,
      String password,
      String server,
      int port,
      String domain) {}

  private PhoneConfig() {}

  /** The enabled lines of a Yealink file, by number; a line missing a value is left out. */
  public static List<Line> yealink(byte[] file) {
    Map<Integer, Map<String, String>> accounts = new TreeMap<>();
    for (String raw : new String(file, StandardCharsets.UTF_8).split("\r?\n")) {
      String line = raw.strip();
      if (!line.startsWith("account.")) {
        continue;
      }
      int eq = line.indexOf('=');
      int dot = line.indexOf('.', 8);
      if (eq < 0 || dot < 0 || dot > eq) {
        continue;
      }
      try {
        int n = Integer.parseInt(line.substring(8, dot));
        accounts
            .computeIfAbsent(n, k -> new TreeMap<>())
            .put(line.substring(dot + 1, eq).strip(), line.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        // Not an account line of ours.
      }
    }
    List<Line> lines = new ArrayList<>();
    accounts.forEach(
        (n, a) -> {
          if (!"1".equals(a.get("enable"))) {
            return;
          }
          String user = a.get("user_name");
          String password = a.get("password");
          String server = a.get("sip_server.1.address");
          Optional<Integer> port = number(a.get("sip_server.1.port"));
          String domain = a.getOrDefault("sip_server_host", server);
          if (user == null || password == null || server == null || server.isEmpty()) {
            return;
          }
          String auth = a.get("auth_name");
          lines.add(
              new Line(
                  n,
                  user,
                  auth == null || auth.isEmpty() ? user : auth,
                  password,
                  server,
                  port.orElse(5060),
                  domain == null || domain.isEmpty() ? server : domain));
        });
    return lines;
  }

  private static Optional<Integer> number(String v) {
    try {
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(v));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
