package io.voxhost.cti.service;

import io.voxhost.platform.service.InvalidInput.FieldProblem;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes an {@link EventInput} an event: the fields each must have and their bounds. Problems
 * are named by field, so an answer can point at {@code events[i].type}.
 */
public final class EventRules {

  /** A source's name: lower case, as the adapters name theirs. */
  static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Identifiers (instance, id, call, channel): printable, no spaces. */
  static final int MAX_KEY = 128;

  /** Free text (queue, agent, number, name, dialled). */
  static final int MAX_TEXT = 256;

  /** The source's own extra fields, as JSON text. */
  public static final int MAX_DATA = 4096;

  /** Events from before this are a client's bug, not history. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** Clocks of switches drift; a day ahead is a wrong clock, not drift. */
  private static final Duration MAX_AHEAD = Duration.ofDays(1);

  private final Clock clock;

  public EventRules(Clock clock) {
    this.clock = clock;
  }

  /** The event, or why it is none: either the event or at least one problem, never both. */
  public record Checked(CallEvent event, List<FieldProblem> problems) {
    public boolean ok() {
      return event != null;
    }
  }

  public Checked check(EventInput in) {
    List<FieldProblem> problems = new ArrayList<>();
    if (in.source() == null || !SOURCE.matcher(in.source()).matches()) {
      problems.add(
          new FieldProblem(
              "source", "a source name: lower-case letters, digits, '.', '_' or '-', 1-64"));
    }
    key(problems, "instance", in.instance(), true);
    key(problems, "id", in.id(), true);
    key(problems, "call", in.call(), true);
    key(problems, "channel", in.channel(), false);
    key(problems, "peer", in.peer(), false);
    for (String[] f :
        new String[][] {
          {"queue", in.queue()},
          {"agent", in.agent()},
          {"number", in.number()},
          {"name", in.name()},
          {"dialled", in.dialled()}
        }) {
      text(problems, f[0], f[1]);
    }
    Long seq = seq(problems, in.seq());
    Instant at = at(problems, in.at());
    EventType type = EventType.of(in.type()).orElse(null);
    if (type == null) {
      problems.add(
          new FieldProblem("type", "one of the event types in cti.md, not " + quote(in.type())));
    }
    if (in.data() != null && in.data().length() > MAX_DATA) {
      problems.add(new FieldProblem("data", "at most " + MAX_DATA + " characters of JSON"));
    } else if (in.data() != null && in.data().contains("\\u0000")) {
      // PostgreSQL's jsonb holds no NUL character: refused here, not by the database.
      problems.add(new FieldProblem("data", "no NUL character (\\u0000) in its strings"));
    }
    if (!problems.isEmpty()) {
      return new Checked(null, List.copyOf(problems));
    }
    return new Checked(
        new CallEvent(
            in.source(),
            in.instance(),
            in.id(),
            seq,
            at,
            type,
            in.call(),
            in.channel(),
            in.peer(),
            in.queue(),
            in.agent(),
            in.number(),
            in.name(),
            in.dialled(),
            in.data()),
        List.of());
  }

  private static void key(List<FieldProblem> problems, String field, String value, boolean needed) {
    if (value == null) {
      if (needed) {
        problems.add(new FieldProblem(field, "required"));
      }
      return;
    }
    if (value.isEmpty() || value.length() > MAX_KEY || !printableWithoutSpace(value)) {
      problems.add(
          new FieldProblem(field, "1-" + MAX_KEY + " printable characters without spaces"));
    }
  }

  private static void text(List<FieldProblem> problems, String field, String value) {
    if (value == null) {
      return;
    }
    if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
      problems.add(
          new FieldProblem(field, "at most " + MAX_TEXT + " characters, no control characters"));
    }
  }

  private static Long seq(List<FieldProblem> problems, String value) {
    if (value == null) {
      return null;
    }
    try {
      long seq = Long.parseLong(value);
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new FieldProblem("seq", "a whole number, 0 or more, not " + quote(value)));
    return null;
  }

  /** RFC 3339 with its offset, or microseconds since the epoch (as FreeSWITCH stamps events). */
  private Instant at(List<FieldProblem> problems, String value) {
    if (value == null) {
      problems.add(new FieldProblem("at", "required: when it happened"));
      return null;
    }
    Instant at;
    try {
      at =
          value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() <= 18
              ? Instant.EPOCH.plus(Long.parseLong(value), ChronoUnit.MICROS)
              : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      problems.add(
          new FieldProblem(
              "at",
              "a time with its offset (2026-12-06T10:00:00.123456Z) or microseconds since 1970,"
                  + " not "
                  + quote(value)));
      return null;
    }
    if (at.isBefore(EARLIEST) || at.isAfter(clock.instant().plus(MAX_AHEAD))) {
      problems.add(new FieldProblem("at", "after 2000 and at most a day ahead, not " + value));
      return null;
    }
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  private static boolean printableWithoutSpace(String value) {
    return value.codePoints().allMatch(c -> c > 0x20 && c != 0x7f && !Character.isISOControl(c));
  }

  private static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "\"" + shown + "\"";
  }
}
