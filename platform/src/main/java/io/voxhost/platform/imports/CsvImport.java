package io.voxhost.platform.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one CSV import: RFC 4180 rows read one by one from a stream (quoting, embedded commas and
 * line breaks, an optional header line, empty lines skipped), each checked by the caller's {@link
 * Rows}, every problem reported by its line number. All or nothing: a {@link ImportRejected} names
 * the bad rows and nothing is to be written. The limits are the same for every import: {@link
 * #MAX_ROWS} rows, fields of {@link #MAX_FIELD} characters, the first {@link #MAX_REPORTED}
 * problems listed in full.
 */
public final class CsvImport {

  /** Rows one import may hold. */
  public static final int MAX_ROWS = 1_000_000;

  /** Characters a field may hold. */
  public static final int MAX_FIELD = 4096;

  /** Problems listed in full; beyond this only their number is given. */
  public static final int MAX_REPORTED = 100;

  private static final CsvMapper CSV = new CsvMapper();

  private CsvImport() {}

  /** Checks one row and keeps it; one instance per import, so it may remember earlier rows. */
  public interface Rows<R> {
    /**
     * The row's value; throws {@link BadRow} with a message for the caller when it is not valid.
     */
    R read(Fields fields) throws BadRow;
  }

  /** A row's fields: stripped, empty as null. */
  public record Fields(long line, String[] values) {
    public int count() {
      return values.length;
    }

    /** The field at {@code index} stripped, or null when it is absent or empty. */
    public String get(int index) {
      if (index >= values.length) {
        return null;
      }
      String v = values[index].strip();
      return v.isEmpty() ? null : v;
    }

    /** The field at {@code index} as sent (a password keeps its spaces), or null if absent. */
    public String raw(int index) {
      return index < values.length ? values[index] : null;
    }
  }

  /** A row that cannot be imported, and why (a sentence for the tenant, without the row). */
  public static final class BadRow extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRow(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads every row of {@code body}.
   *
   * @param header the first field of a header line (such as {@code mac}), compared without case; a
   *     first line starting with it is skipped
   * @throws ImportRejected when a row is bad, the body is not CSV, there are too many rows or none
   */
  public static <R> List<R> read(Reader body, String header, Rows<R> rows)
      throws IOException, ImportRejected {
    List<R> accepted = new ArrayList<>();
    List<ImportRejected.RowProblem> problems = new ArrayList<>();
    int bad = 0;
    try (MappingIterator<String[]> it =
        CSV.readerForArrayOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .with(CsvParser.Feature.SKIP_EMPTY_LINES)
            .readValues(body)) {
      boolean first = true;
      long nextLine = 1; // the parser stands at the start of the next row after reading one
      while (true) {
        String[] values;
        long line = nextLine;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          values = it.nextValue();
          nextLine = it.getCurrentLocation().getLineNr();
        } catch (RuntimeJsonMappingException | IOException e) {
          problems.add(new ImportRejected.RowProblem(line, "not readable as CSV: " + brief(e)));
          throw new ImportRejected(problems, bad + 1);
        }
        if (first
            && values.length > 0
            && values[0].strip().toLowerCase(Locale.ROOT).equals(header)) {
          first = false;
          continue;
        }
        first = false;
        if (accepted.size() + bad >= MAX_ROWS) {
          problems.add(
              new ImportRejected.RowProblem(line, "more than " + MAX_ROWS + " rows in one import"));
          throw new ImportRejected(problems, bad + 1);
        }
        String problem = tooLong(values);
        if (problem == null) {
          try {
            R row = rows.read(new Fields(line, values));
            if (bad == 0) {
              accepted.add(row);
            }
          } catch (BadRow e) {
            problem = e.getMessage();
          }
        }
        if (problem != null) {
          bad++;
          if (problems.size() < MAX_REPORTED) {
            problems.add(new ImportRejected.RowProblem(line, problem));
          }
        }
      }
    }
    if (bad > 0) {
      throw new ImportRejected(problems, bad);
    }
    if (accepted.isEmpty()) {
      throw new ImportRejected(List.of(new ImportRejected.RowProblem(0, "no rows to import")), 1);
    }
    return accepted;
  }

  private static String tooLong(String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].length() > MAX_FIELD) {
        return "field " + (i + 1) + " is longer than " + MAX_FIELD + " characters";
      }
    }
    return null;
  }

  private static String brief(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl > 0 ? m.substring(0, nl) : m;
  }
}
