package io.voxhost.sip.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of a tenant's dial plan: if the called number (as E.164 when {@code e164}) matches the
 * whole {@code pattern}, the call goes to {@code target} with {@code $1..$9} (and {@code $0}, the
 * whole number) replaced by the match. {@code $$} is a dollar sign.
 */
public record DialRule(
    UUID id,
    int position,
    String pattern,
    String target,
    boolean e164,
    String region,
    String description) {

  /** The longest a match may run before the rule counts as not matching. */
  private static final long MATCH_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** Why a rule cannot be accepted, or empty when it can. */
  public static Optional<String> problem(
      String pattern, String target, boolean e164, String region) {
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return Optional.of("pattern: not a regular expression: " + e.getDescription());
    }
    if (!target.matches("^(sips?|tel):[^\\s<>\"]+$")) {
      return Optional.of("target: a sip:, sips: or tel: URI without spaces, <, > or quotes");
    }
    Matcher refs = Pattern.compile("\\$(\\$|\\d)").matcher(target);
    while (refs.find()) {
      if (!refs.group(1).equals("$")
          && Integer.parseInt(refs.group(1)) > compiled.matcher("").groupCount()) {
        return Optional.of(
            "target: $" + refs.group(1) + " names a group the pattern does not have");
      }
    }
    if (e164
        && region != null
        && !PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
      return Optional.of("region: an ISO 3166 region libphonenumber knows, like 'US' or 'GB'");
    }
    return Optional.empty();
  }

  /** The compiled form used on the request path. */
  public Compiled compile() {
    return new Compiled(this, Pattern.compile(pattern));
  }

  /** A rule ready to match. */
  public record Compiled(DialRule rule, Pattern regex) {

    /** The target for {@code user}, if this rule takes it. */
    public Optional<String> apply(String user) {
      String subject = user;
      if (rule.e164()) {
        Optional<String> normalized = e164(user, rule.region());
        if (normalized.isEmpty()) {
          return Optional.empty();
        }
        subject = normalized.get();
      }
      Matcher m = regex.matcher(new PatternBudget(subject, System.nanoTime() + MATCH_BUDGET_NANOS));
      try {
        if (!m.matches()) {
          return Optional.empty();
        }
      } catch (PatternBudget.Exhausted e) {
        return Optional.empty();
      }
      return Optional.of(expand(rule.target(), m));
    }
  }

  /** The number in E.164 if libphonenumber finds it possible for that region. */
  static Optional<String> e164(String user, String region) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      // Without a region only numbers written internationally (+...) can be read.
      PhoneNumber number = util.parse(user, region == null ? "ZZ" : region);
      if (!util.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  private static String expand(String template, Matcher m) {
    StringBuilder out = new StringBuilder(template.length() + 16);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '$' && i + 1 < template.length()) {
        char next = template.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i++;
          continue;
        }
        if (Character.isDigit(next)) {
          String group = m.group(next - '0');
          out.append(group == null ? "" : group);
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
