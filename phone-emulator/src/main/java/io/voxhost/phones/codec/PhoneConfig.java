package io.voxhost.phones.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a phone reads from the files it fetched: its SIP lines, in each maker's format. Yealink's
 * {@code key = value} ({@code account.N.*}); Polycom's master file (the {@code CONFIG_FILES} it
 * names next) and its phone file ({@code reg.N.*} attributes, {@code voIpProt.server.1.*}); Cisco's
 * {@code <sipLines>} with the call manager's address; Grandstream's P-values (P47 the server, P35
 * user, P36 auth, P34 password); Snom's {@code user_*} settings by {@code idx}. XML is read without
 * document types, so no file can make the parser fetch or expand anything.
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

  /** What one file gives: lines, and the files it names to be fetched next (Polycom's master). */
  public record Read(List<Line> lines, List<String> next) {}

  /** Files a phone follows from its first at most. */
  public static final int MAX_NEXT = 4;

  private PhoneConfig() {}

  /** The lines (and next files) of a file in {@code vendor}'s format; bad XML gives none. */
  public static Read read(Vendor vendor, byte[] file) {
    if (vendor == Vendor.YEALINK) {
      return new Read(yealink(file), List.of());
    }
    Optional<org.w3c.dom.Element> root = Xml.root(file);
    if (root.isEmpty()) {
      return new Read(List.of(), List.of());
    }
    org.w3c.dom.Element r = root.get();
    return switch (vendor) {
      case POLYCOM ->
          r.getTagName().equals("APPLICATION")
              ? new Read(List.of(), polycomFiles(r.getAttribute("CONFIG_FILES")))
              : new Read(polycom(r), List.of());
      case CISCO -> new Read(cisco(r), List.of());
      case GRANDSTREAM -> new Read(grandstream(r), List.of());
      case SNOM -> new Read(snom(r), List.of());
      case YEALINK -> throw new IllegalStateException();
    };
  }

  private static List<String> polycomFiles(String names) {
    List<String> out = new ArrayList<>();
    for (String n : names.split("[,\\s]+")) {
      // A name only: no path, so a file cannot send a phone elsewhere on the server.
      if (n.matches("[A-Za-z0-9._-]{1,64}") && !n.startsWith(".") && out.size() < MAX_NEXT) {
        out.add(n);
      }
    }
    return out;
  }

  private static List<Line> polycom(org.w3c.dom.Element root) {
    Map<String, String> a = new TreeMap<>();
    for (org.w3c.dom.Element e : Xml.elements(root)) {
      org.w3c.dom.NamedNodeMap attrs = e.getAttributes();
      for (int i = 0; i < attrs.getLength(); i++) {
        a.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
      }
    }
    String server = a.get("voIpProt.server.1.address");
    int port = number(a.get("voIpProt.server.1.port")).orElse(5060);
    List<Line> lines = new ArrayList<>();
    for (int n = 1; n <= 64; n++) {
      String address = a.get("reg." + n + ".address");
      if (address == null) {
        continue;
      }
      int at = address.indexOf('@');
      String user = at < 0 ? address : address.substring(0, at);
      String domain = at < 0 ? server : address.substring(at + 1);
      add(
          lines,
          n,
          user,
          a.get("reg." + n + ".auth.userId"),
          a.get("reg." + n + ".auth.password"),
          server,
          port,
          domain);
    }
    return lines;
  }

  private static List<Line> cisco(org.w3c.dom.Element root) {
    String server = Xml.text(root, "processNodeName").orElse(null);
    int port = number(Xml.text(root, "sipPort").orElse(null)).orElse(5060);
    List<Line> lines = new ArrayList<>();
    for (org.w3c.dom.Element line : Xml.elements(root)) {
      if (!line.getTagName().equals("line")) {
        continue;
      }
      // A Cisco phone registers to its call manager by name: that is its domain too.
      add(
          lines,
          number(line.getAttribute("button")).orElse(lines.size() + 1),
          Xml.text(line, "name").orElse(null),
          Xml.text(line, "authName").orElse(null),
          Xml.text(line, "authPassword").orElse(null),
          server,
          port,
          server);
    }
    return lines;
  }

  private static List<Line> grandstream(org.w3c.dom.Element root) {
    // P47 is the SIP server, the domain the account registers in; P48 the outbound proxy that
    // requests go to when set.
    String p47 = Xml.text(root, "P47").orElse("");
    String p48 = Xml.text(root, "P48").orElse("");
    String domain = host(p47);
    String server = p48.isEmpty() ? domain : host(p48);
    int port = port(p48.isEmpty() ? p47 : p48);
    List<Line> lines = new ArrayList<>();
    if ("1".equals(Xml.text(root, "P271").orElse("1"))) {
      add(
          lines,
          1,
          Xml.text(root, "P35").orElse(null),
          Xml.text(root, "P36").orElse(null),
          Xml.text(root, "P34").orElse(null),
          server,
          port,
          domain);
    }
    return lines;
  }

  private static String host(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static int port(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? 5060 : number(hostPort.substring(colon + 1)).orElse(5060);
  }

  private static List<Line> snom(org.w3c.dom.Element root) {
    Map<Integer, Map<String, String>> byIdx = new TreeMap<>();
    for (org.w3c.dom.Element e : Xml.elements(root)) {
      Optional<Integer> idx = number(e.getAttribute("idx"));
      if (idx.isPresent() && e.getTagName().startsWith("user_")) {
        byIdx
            .computeIfAbsent(idx.get(), k -> new TreeMap<>())
            .put(e.getTagName(), e.getTextContent().strip());
      }
    }
    List<Line> lines = new ArrayList<>();
    byIdx.forEach(
        (n, u) -> {
          if (!"on".equals(u.get("user_active"))) {
            return;
          }
          String outbound = u.getOrDefault("user_outbound", "");
          String domain = u.get("user_host");
          String server = outbound.isEmpty() ? domain : host(outbound);
          int port = port(outbound);
          add(
              lines,
              n,
              u.get("user_name"),
              u.get("user_pname"),
              u.get("user_pass"),
              server,
              port,
              domain);
        });
    return lines;
  }

  /** A line when it has a user, a password and a server; the auth name defaults to the user. */
  private static void add(
      List<Line> lines,
      int n,
      String user,
      String auth,
      String password,
      String server,
      int port,
      String domain) {
    if (user == null || user.isEmpty() || password == null || server == null || server.isEmpty()) {
      return;
    }
    lines.add(
        new Line(
            n,
            user,
            auth == null || auth.isEmpty() ? user : auth,
            password,
            server,
            port,
            domain == null || domain.isEmpty() ? server : domain));
  }

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
