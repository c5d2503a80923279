package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One PBX this node signs in to (cti.md, "Signing in to a PBX"), as {@code
 * voxhost.cti.switches.<name>.*} says. The operator, not a tenant, chooses where the node connects,
 * so a tenant cannot aim it at the operator's own network.
 */
public record SwitchLink(
    String name,
    UUID tenant,
    Kind kind,
    String host,
    int port,
    Optional<String> username,
    String secret,
    String instance,
    String amiEvents,
    Duration connectTimeout,
    Duration keepAlive,
    Duration maxBackoff) {

  /** The PBX's interface. */
  public enum Kind {
    /** Asterisk's Manager Interface (manager.conf, port 5038). */
    AMI,
    /** FreeSWITCH's event socket (event_socket.conf.xml, port 8021). */
    ESL
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern EVENT_CLASSES = Pattern.compile("[A-Za-z,]{1,200}");

  /**
   * The link {@code voxhost.cti.switches.<name>.*} describes.
   *
   * @throws IllegalArgumentException naming the key that is wrong
   */
  public static SwitchLink of(String name, CtiConfig.Switch s) {
    String key = "voxhost.cti.switches." + name + ".";
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "voxhost.cti.switches: a name is 1-32 lower-case letters, digits and -, not " + name);
    }
    UUID tenant;
    try {
      tenant = UUID.fromString(s.tenant().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + "tenant: a tenant's id (a UUID)");
    }
    Kind kind =
        switch (s.kind().strip().toLowerCase(Locale.ROOT)) {
          case "ami" -> Kind.AMI;
          case "esl" -> Kind.ESL;
          default -> throw new IllegalArgumentException(key + "kind: ami or esl");
        };
    String address = s.address().strip();
    int colon = address.lastIndexOf(':');
    String host = colon > 0 ? address.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65_535) {
      throw new IllegalArgumentException(key + "address: host:port");
    }
    String secret = secret(key, s);
    Optional<String> user = s.username().map(String::strip).filter(u -> !u.isEmpty());
    if (kind == Kind.AMI && user.isEmpty()) {
      throw new IllegalArgumentException(key + "username: AMI signs in with a user");
    }
    // Both are written into the sign-in; a line end there would be a second command.
    if (!printable(secret) || user.filter(u -> !printable(u) || u.contains(" ")).isPresent()) {
      throw new IllegalArgumentException(
          key + "username and secret: printable characters, no line ends");
    }
    String instance = s.instance().map(String::strip).orElse(name);
    if (!INSTANCE.matcher(instance).matches()) {
      throw new IllegalArgumentException(
          key
              + "instance: 1-64 letters, digits, '.', '_' and '-', starting with a letter or digit");
    }
    if (!EVENT_CLASSES.matcher(s.amiEvents()).matches()) {
      throw new IllegalArgumentException(key + "ami-events: AMI event classes, comma separated");
    }
    positive(key + "connect-timeout", s.connectTimeout());
    positive(key + "keep-alive", s.keepAlive());
    positive(key + "max-backoff", s.maxBackoff());
    return new SwitchLink(
        name,
        tenant,
        kind,
        host,
        port,
        user,
        secret,
        instance,
        s.amiEvents(),
        s.connectTimeout(),
        s.keepAlive(),
        s.maxBackoff());
  }

  /** {@code host:port}, as configured. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Never the secret: a record's own would print it into every log line that shows a link. */
  @Override
  public String toString() {
    return "SwitchLink[" + name + " " + kind + " " + address() + " tenant " + tenant + "]";
  }

  private static String secret(String key, CtiConfig.Switch s) {
    if (s.secret().isPresent() == s.secretFile().isPresent()) {
      throw new IllegalArgumentException(key + "secret or secret-file: one of them");
    }
    if (s.secret().isPresent()) {
      return s.secret().get();
    }
    try {
      String text = Files.readString(s.secretFile().get(), StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      String first = (end < 0 ? text : text.substring(0, end)).strip();
      if (first.isEmpty()) {
        throw new IllegalArgumentException(key + "secret-file: its first line is empty");
      }
      return first;
    } catch (IOException e) {
      throw new IllegalArgumentException(key + "secret-file: unreadable (" + e + ")");
    }
  }

  private static boolean printable(String value) {
    return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
  }

  private static void positive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + ": longer than zero");
    }
  }
}
