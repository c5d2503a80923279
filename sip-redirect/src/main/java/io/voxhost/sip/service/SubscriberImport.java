package io.voxhost.sip.service;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.voxhost.sip.store.SubscriberRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk creation of subscribers from CSV ({@code username,password,displayName}, RFC 4180 quoting,
 * an optional header line). The body is read row by row; every row is checked before anything is
 * written, and one bad row means nothing is.
 */
@ApplicationScoped
public class SubscriberImport {

  /** Problems listed in full; beyond this only their number is given. */
  static final int MAX_REPORTED = 100;

  /** Rows one import may hold. */
  public static final int MAX_ROWS = 1_000_000;

  private final SubscriberService subscribers;
  private final CsvMapper csv = new CsvMapper();

  SubscriberImport(SubscriberService subscribers) {
    this.subscribers = subscribers;
  }

  public ImportOutcome run(UUID tenantId, Reader body) throws IOException {
    String realm = subscribers.realmOf(tenantId);
    List<SubscriberRows.Row> rows = new ArrayList<>();
    List<ImportOutcome.RowProblem> problems = new ArrayList<>();
    int bad = 0;
    Set<String> seen = new HashSet<>();
    try (MappingIterator<String[]> it =
        csv.readerForArrayOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readValues(body)) {
      boolean first = true;
      long nextLine = 1; // the parser stands at the start of the next row after reading one
      while (true) {
        String[] fields;
        long line;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          fields = it.nextValue();
          line = nextLine;
          nextLine = it.getCurrentLocation().getLineNr();
        } catch (RuntimeJsonMappingException | IOException e) {
          long at = it.getCurrentLocation() == null ? -1 : it.getCurrentLocation().getLineNr();
          problems.add(new ImportOutcome.RowProblem(at, "not readable as CSV: " + brief(e)));
          return new ImportOutcome.Rejected(problems, bad + 1);
        }
        if (first && isHeader(fields)) {
          first = false;
          continue;
        }
        first = false;
        String problem = check(fields, seen);
        if (problem != null) {
          bad++;
          if (problems.size() < MAX_REPORTED) {
            problems.add(new ImportOutcome.RowProblem(line, problem));
          }
          continue;
        }
        if (rows.size() >= MAX_ROWS) {
          problems.add(
              new ImportOutcome.RowProblem(line, "more than " + MAX_ROWS + " rows in one import"));
          return new ImportOutcome.Rejected(problems, bad + 1);
        }
        if (bad == 0) {
          String display = fields.length > 2 && !fields[2].isEmpty() ? fields[2] : null;
          rows.add(subscribers.row(realm, fields[0], fields[1], display));
        }
      }
    }
    if (bad > 0) {
      return new ImportOutcome.Rejected(problems, bad);
    }
    if (rows.isEmpty()) {
      problems.add(new ImportOutcome.RowProblem(0, "no rows to import"));
      return new ImportOutcome.Rejected(problems, 1);
    }
    return subscribers.write(tenantId, rows);
  }

  private static String check(String[] fields, Set<String> seen) {
    if (fields.length < 2 || fields.length > 3) {
      return "expected 2 or 3 fields (username,password,displayName), found " + fields.length;
    }
    String problem =
        SubscriberRules.problem(fields[0], fields[1], fields.length > 2 ? fields[2] : null);
    if (problem != null) {
      return problem;
    }
    if (!seen.add(fields[0])) {
      return "username '" + fields[0] + "' appears more than once";
    }
    return null;
  }

  private static boolean isHeader(String[] fields) {
    return fields.length >= 2
        && fields[0].trim().toLowerCase(Locale.ROOT).equals("username")
        && fields[1].trim().toLowerCase(Locale.ROOT).equals("password");
  }

  private static String brief(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }
}
