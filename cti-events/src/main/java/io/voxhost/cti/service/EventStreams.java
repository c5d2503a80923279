package io.voxhost.cti.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.voxhost.cti.CtiConfig;
import io.voxhost.platform.limits.KeyedSlots;
import io.voxhost.platform.service.ApiKeyService;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import io.voxhost.platform.service.KeyOwner;
import io.voxhost.platform.service.KeyScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * What a switch streaming its events over TCP may do (cti.md, "Streaming over TCP"): sign in with
 * one of its tenant's full keys, hold one of a bounded number of streams, and send lines of one
 * format, each checked like an event of the HTTP API and queued to the same writer.
 */
@ApplicationScoped
public class EventStreams {

  /** What the lines of a stream are. */
  public enum Format {
    /** One JSON event (as in {@code POST /api/v1/cti/events}) a line. */
    JSON,
    /** Asterisk's queue_log lines. */
    QUEUE_LOG,
    /** Asterisk's CEL as cel_custom writes it (its sample's columns). */
    CEL_CSV,
    /** Asterisk Manager Interface events: {@code Key: Value} lines, a blank line after each. */
    AMI,
    /** FreeSWITCH event socket events, {@code event json}: one JSON object a line. */
    ESL_JSON;

    /**
     * {@code json}, {@code queue-log}, {@code cel-csv}, {@code ami}, {@code esl-json}; empty for
     * anything else.
     */
    public static Optional<Format> of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "json" -> Optional.of(JSON);
        case "queue-log" -> Optional.of(QUEUE_LOG);
        case "cel-csv" -> Optional.of(CEL_CSV);
        case "ami" -> Optional.of(AMI);
        case "esl-json" -> Optional.of(ESL_JSON);
        default -> Optional.empty();
      };
    }
  }

  /** Lines of one stream into events; an AMI event is a block of lines, so a reader remembers. */
  public interface Reader {
    /**
     * The event this line completes; empty when it completes none (a line of an AMI block, an event
     * of no interest) or is no event, in which case {@code problems} says why.
     */
    Optional<CallEvent> read(String line, List<FieldProblem> problems);
  }

  /** Lines an AMI block may have. */
  static final int MAX_AMI_LINES = 200;

  /** More streams than the bounds allow. */
  public static final class Busy extends Exception {
    Busy(String message) {
      super(message);
    }
  }

  /** A tenant's place among the streams; closing it gives the place back. */
  public final class Place implements AutoCloseable {
    private final UUID tenant;
    private boolean open = true;

    private Place(UUID tenant) {
      this.tenant = tenant;
    }

    public UUID tenant() {
      return tenant;
    }

    @Override
    public synchronized void close() {
      if (open) {
        open = false;
        perTenant.give(tenant);
        node.release();
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private final ApiKeyService keys;
  private final EventRoute ingest;
  private final EventRules rules = new EventRules(Clock.systemUTC());
  private final AsteriskCel cel = new AsteriskCel(AsteriskCel.SAMPLE_COLUMNS);
  private final Semaphore node;
  private final KeyedSlots<UUID> perTenant;

  EventStreams(ApiKeyService keys, EventRoute ingest, CtiConfig config) {
    this.keys = keys;
    this.ingest = ingest;
    this.node = new Semaphore(config.streams());
    this.perTenant = new KeyedSlots<>(config.tenantStreams());
  }

  /** The tenant of a full tenant key; empty for any other key or none. */
  public Optional<UUID> tenantOf(String key) {
    return keys.authenticate(key)
        .filter(o -> !o.isAdmin() && o.scope() == KeyScope.FULL)
        .flatMap(KeyOwner::tenantId);
  }

  /**
   * A place for one of the tenant's streams.
   *
   * @throws Busy when the tenant or the node has all the streams it may
   */
  public Place open(UUID tenant) throws Busy {
    if (!perTenant.tryTake(tenant)) {
      throw new Busy("this tenant already streams " + perTenant.perKey() + " times to this node");
    }
    if (!node.tryAcquire()) {
      perTenant.give(tenant);
      throw new Busy("this node takes all the streams it may");
    }
    return new Place(tenant);
  }

  /** A reader of one stream's lines, in {@code format}, for {@code instance}. */
  public Reader reader(Format format, String instance) {
    if (format == Format.AMI) {
      Map<String, String> block = new LinkedHashMap<>();
      int[] lines = {0};
      return (line, problems) -> {
        if (!line.isBlank()) {
          int colon = line.indexOf(':');
          if (colon > 0 && ++lines[0] <= MAX_AMI_LINES) {
            block.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
          }
          return Optional.empty(); // a banner line without a colon is no part of an event
        }
        Map<String, String> event = new LinkedHashMap<>(block);
        block.clear();
        boolean tooLong = lines[0] > MAX_AMI_LINES;
        lines[0] = 0;
        if (tooLong) {
          problems.add(new FieldProblem("event", "at most " + MAX_AMI_LINES + " lines"));
          return Optional.empty();
        }
        return AsteriskAmi.read(instance, event).flatMap(input -> checked(input, problems));
      };
    }
    return (line, problems) -> {
      EventInput input =
          switch (format) {
            case JSON -> json(line, problems);
            case QUEUE_LOG -> AsteriskQueueLog.read(instance, line);
            case CEL_CSV -> celRow(instance, line, problems);
            case ESL_JSON -> esl(instance, line, problems);
            case AMI -> throw new IllegalStateException("read above");
          };
      return input == null ? Optional.empty() : checked(input, problems);
    };
  }

  private Optional<CallEvent> checked(EventInput input, List<FieldProblem> problems) {
    EventRules.Checked checked = rules.check(input);
    if (!checked.ok()) {
      problems.addAll(checked.problems());
      return Optional.empty();
    }
    return Optional.of(checked.event());
  }

  private static EventInput esl(String instance, String line, List<FieldProblem> problems) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      problems.add(new FieldProblem("event", "a JSON object on one line"));
      return null;
    }
    if (node == null || !node.isObject()) {
      problems.add(new FieldProblem("event", "a JSON object on one line"));
      return null;
    }
    return FreeSwitchEsl.read(instance, node).orElse(null);
  }

  /**
   * Queues the tenant's events; the future completes once they are committed.
   *
   * @throws IngestFull when the tenant's or the node's queue is full, keeping nothing
   */
  public CompletableFuture<Ingested> submit(UUID tenant, List<CallEvent> events) {
    return ingest.submit(tenant, events);
  }

  private static EventInput json(String line, List<FieldProblem> problems) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      problems.add(new FieldProblem("event", "a JSON object on one line"));
      return null;
    }
    return EventJson.input(node, problems);
  }

  private EventInput celRow(String instance, String line, List<FieldProblem> problems) {
    String[] fields;
    try {
      fields = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValue(line);
    } catch (IOException e) {
      problems.add(new FieldProblem("line", "a CSV row"));
      return null;
    }
    List<String> values = new ArrayList<>(List.of(fields));
    return cel.read(
        instance,
        i -> i < values.size() && !values.get(i).isBlank() ? values.get(i).strip() : null);
  }
}
