package io.voxhost.cti.service;

import io.voxhost.platform.imports.CsvImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The Asterisk corpus of src/test/resources/corpus/asterisk, read by the adapters and rules. */
final class Corpus {

  static final String INSTANCE = "pbx1";

  private Corpus() {}

  /** The events of a CEL CSV file and, when named, a queue_log file of the same system. */
  static List<CallEvent> events(String cel, String queueLog) {
    EventRules rules = new EventRules(Clock.systemUTC());
    List<CallEvent> events = new ArrayList<>();
    try {
      if (cel != null) {
        AsteriskCel reader = new AsteriskCel(AsteriskCel.SAMPLE_COLUMNS);
        List<EventInput> inputs =
            CsvImport.read(
                new InputStreamReader(open(cel), StandardCharsets.UTF_8),
                "eventtype",
                fields -> reader.read(INSTANCE, fields::get));
        inputs.forEach(in -> events.add(checked(rules, in)));
      }
      if (queueLog != null) {
        String text = new String(open(queueLog).readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          if (!line.isBlank()) {
            events.add(checked(rules, AsteriskQueueLog.read(INSTANCE, line)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return events;
  }

  /** The events as received one after another, a millisecond apart, in the given order. */
  static List<ReceivedEvent> received(List<CallEvent> events) {
    List<ReceivedEvent> out = new ArrayList<>();
    Instant at = Instant.parse("2026-12-06T12:00:00Z");
    for (CallEvent e : events) {
      at = at.plusMillis(1);
      out.add(new ReceivedEvent(e, at));
    }
    return out;
  }

  static byte[] bytes(String name) {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CallEvent checked(EventRules rules, EventInput in) {
    EventRules.Checked c = rules.check(in);
    if (!c.ok()) {
      throw new IllegalStateException("corpus event refused: " + c.problems());
    }
    return c.event();
  }

  private static InputStream open(String name) {
    InputStream in = Corpus.class.getResourceAsStream("/corpus/asterisk/" + name);
    if (in == null) {
      throw new IllegalArgumentException("no corpus file " + name);
    }
    return in;
  }
}
