package io.voxhost.tftp.service;

import io.voxhost.platform.service.InvalidInput;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a device description must satisfy before it is stored. Every value ends up inside a phone's
 * file, some of them in line-oriented {@code key = value} formats, so no value may hold a control
 * character (a line break would let a display name add settings of its own).
 */
final class DeviceRules {

  static final int MAX_LINES = 16;
  static final int MAX_VARIABLES = 100;
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._+ -]{1,64}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._+*#-]{1,64}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern HTTP_USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private DeviceRules() {}

  /** The problems of {@code spec}; empty when it may be stored. */
  static List<InvalidInput.FieldProblem> check(DeviceSpec spec, boolean replacing) {
    List<InvalidInput.FieldProblem> problems = new ArrayList<>();
    if (!replacing && MacAddress.parse(spec.mac()).isEmpty()) {
      problems.add(problem("mac", "must be a MAC address (12 hex digits, any common notation)"));
    }
    if (Vendor.of(spec.vendor()).isEmpty()) {
      problems.add(problem("vendor", "must be one of cisco, polycom, yealink, grandstream, snom"));
    }
    if (spec.model() == null || !MODEL.matcher(spec.model()).matches()) {
      problems.add(problem("model", "must be 1-64 letters, digits, spaces or . _ + -"));
    }
    text(problems, "site", spec.site(), 64);
    text(problems, "language", spec.language(), 32);
    if (spec.timeZone() != null) {
      try {
        ZoneId.of(spec.timeZone());
      } catch (DateTimeException e) {
        problems.add(problem("timeZone", "must be an IANA time zone such as Europe/Paris"));
      }
    }
    if (spec.lines().size() > MAX_LINES) {
      problems.add(problem("lines", "at most " + MAX_LINES + " lines"));
    }
    for (int i = 0; i < spec.lines().size(); i++) {
      Device.Line line = spec.lines().get(i);
      String field = "lines[" + i + "]";
      if (line == null || line.user() == null || !USER.matcher(line.user()).matches()) {
        problems.add(problem(field + ".user", "must be 1-64 characters of a SIP user name"));
        continue;
      }
      if (line.authUser() != null && !USER.matcher(line.authUser()).matches()) {
        problems.add(problem(field + ".authUser", "must be 1-64 characters of a SIP user name"));
      }
      text(problems, field + ".displayName", line.displayName(), 64);
      text(problems, field + ".password", line.password(), 128);
    }
    if (spec.variables().size() > MAX_VARIABLES) {
      problems.add(problem("variables", "at most " + MAX_VARIABLES + " variables"));
    }
    for (Map.Entry<String, String> e : spec.variables().entrySet()) {
      if (e.getKey() == null || !VARIABLE.matcher(e.getKey()).matches()) {
        problems.add(
            problem("variables", "names are a letter then letters, digits, _ . -: " + e.getKey()));
      } else if (e.getValue() == null) {
        problems.add(problem("variables." + e.getKey(), "must not be null"));
      } else {
        text(problems, "variables." + e.getKey(), e.getValue(), 1024);
      }
    }
    if (spec.httpUser() != null && !HTTP_USER.matcher(spec.httpUser()).matches()) {
      problems.add(problem("httpUser", "must be 1-64 letters, digits or . _ @ -"));
    }
    if (spec.httpPassword() != null) {
      if (spec.httpUser() == null) {
        problems.add(problem("httpPassword", "needs an httpUser"));
      } else if (spec.httpPassword().length() < 8) {
        problems.add(problem("httpPassword", "must be at least 8 characters"));
      }
      text(problems, "httpPassword", spec.httpPassword(), 128);
    } else if (spec.httpUser() != null && !replacing) {
      problems.add(problem("httpPassword", "is required with an httpUser"));
    }
    return problems;
  }

  private static void text(
      List<InvalidInput.FieldProblem> problems, String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      problems.add(problem(field, "at most " + max + " characters"));
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        problems.add(problem(field, "must not contain control characters"));
        return;
      }
    }
  }

  private static InvalidInput.FieldProblem problem(String field, String message) {
    return new InvalidInput.FieldProblem(field, message);
  }
}
