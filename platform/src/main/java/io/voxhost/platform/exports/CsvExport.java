package io.voxhost.platform.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV export: RFC 4180 rows (CRLF line ends, quoted where a field needs it) streamed to an
 * output as they are given, so an export of any length holds one row in memory. Fields come from
 * outside (a caller's name, a switch's queue name) and the file is opened in spreadsheets: a field
 * that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return)
 * gets a leading apostrophe, unless it is a plain number such as +14155550100 or -3.
 */
public final class CsvExport implements Closeable {

  private static final CsvMapper CSV = new CsvMapper();
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private final JsonGenerator out;
  private final int columns;

  /** Starts an export on {@code out} with its header line. */
  public CsvExport(OutputStream out, List<String> header) throws IOException {
    this.columns = header.size();
    CsvGenerator csv = CSV.getFactory().createGenerator(out);
    csv.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    csv.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
    csv.setSchema(CsvSchema.emptySchema().withLineSeparator("\r\n").withoutEscapeChar());
    this.out = csv;
    row(header.toArray(String[]::new));
  }

  /** Writes one row: as many fields as the header has; null is an empty field. */
  public void row(String... fields) throws IOException {
    if (fields.length != columns) {
      throw new IllegalArgumentException(
          "a row of " + fields.length + " fields under a header of " + columns);
    }
    out.writeStartArray();
    for (String f : fields) {
      out.writeString(f == null ? "" : inert(f));
    }
    out.writeEndArray();
  }

  /** Sends what is written so far on to the output. */
  public void flush() throws IOException {
    out.flush();
  }

  /** Ends the export (the output itself stays open). */
  @Override
  public void close() throws IOException {
    out.close();
  }

  /** {@code field} as a spreadsheet shows it, never as a formula it runs. */
  static String inert(String field) {
    if (field.isEmpty()) {
      return field;
    }
    char first = field.charAt(0);
    boolean active =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return active && !NUMBER.matcher(field).matches() ? "'" + field : field;
  }
}
