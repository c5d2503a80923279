package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * One upstream provider as configured, its preset applied.
 *
 * @param name the key under {@code voxhost.cnam.providers}
 * @param urlTemplate with {@code {number}} and/or {@code {digits}}
 * @param namePointer a JSON pointer (RFC 6901) to the name in the answer
 * @param authHeader the whole Authorization value, or null; never shown ({@link #toString()})
 * @param notFoundStatuses statuses meaning "no name"
 * @param timeout one request, whatever the budget
 * @param connectTimeout connecting, TLS included
 * @param maxBody bytes of an answer read at most
 * @param maxConcurrent requests in flight at once (the bulkhead and the connection pool)
 * @param shared whether answers are cached for every tenant
 */
public record ProviderSpec(
    String name,
    String urlTemplate,
    String namePointer,
    String authHeader,
    Set<Integer> notFoundStatuses,
    Duration timeout,
    Duration connectTimeout,
    int maxBody,
    int maxConcurrent,
    boolean shared) {

  public static final String OPENCNAM_URL =
      "https://api.opencnam.com/v3/phone/{number}?format=json";
  public static final String OPENCNAM_POINTER = "/name";
  public static final String TWILIO_URL =
      "https://lookups.twilio.com/v2/PhoneNumbers/{number}?Fields=caller_name";
  public static final String TWILIO_POINTER = "/caller_name/caller_name";

  public ProviderSpec {
    notFoundStatuses = Set.copyOf(notFoundStatuses);
  }

  /** The provider {@code name} as {@code config} sets it; a preset fills what is not set. */
  public static ProviderSpec of(String name, CnamConfig.Provider config) {
    String url;
    String pointer;
    switch (config.preset()) {
      case "opencnam" -> {
        url = config.url().orElse(OPENCNAM_URL);
        pointer = config.namePointer().orElse(OPENCNAM_POINTER);
      }
      case "twilio" -> {
        url = config.url().orElse(TWILIO_URL);
        pointer = config.namePointer().orElse(TWILIO_POINTER);
      }
      default -> {
        url = config.url().orElseThrow();
        pointer = config.namePointer().orElseThrow();
      }
    }
    return new ProviderSpec(
        name,
        url,
        pointer,
        config.authHeader().orElse(null),
        config.notFoundStatuses(),
        config.timeout(),
        config.connectTimeout(),
        config.maxBody(),
        config.maxConcurrent(),
        config.shared());
  }

  /** The URL to ask for {@code e164}: {@code {number}} percent-encoded, {@code {digits}} bare. */
  public String url(String e164) {
    String digits = e164.startsWith("+") ? e164.substring(1) : e164;
    return urlTemplate
        .replace("{number}", URLEncoder.encode(e164, StandardCharsets.UTF_8))
        .replace("{digits}", URLEncoder.encode(digits, StandardCharsets.UTF_8));
  }

  /** Without the Authorization value or the URL's query: safe for logs. */
  @Override
  public String toString() {
    return "provider "
        + name
        + " ("
        + io.voxhost.platform.net.OutboundTarget.redacted(urlTemplate)
        + ")";
  }
}
