package io.voxhost.platform.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvExportTest {

  /** Printable ASCII and what CSV and spreadsheets treat specially. */
  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('\r', '\n', '\t', '\u00e9', '\u4e2d')
        .ofMaxLength(40);
  }

  private static List<String[]> read(byte[] csv) throws IOException {
    try (MappingIterator<String[]> rows =
        new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerFor(String[].class)
            .readValues(csv)) {
      return rows.readAll();
    }
  }

  private static byte[] export(List<String> header, String[]... rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvExport csv = new CsvExport(out, header)) {
      for (String[] r : rows) {
        csv.row(r);
      }
    }
    return out.toByteArray();
  }

  @Test
  void rowsAreRfc4180WithCrlfAndQuotesWhereNeeded() throws IOException {
    byte[] csv =
        export(
            List.of("number", "name"),
            new String[] {"+14155550100", "Smith, \"Jo\""},
            new String[] {null, "two\nlines"});
    assertThat(new String(csv, StandardCharsets.UTF_8))
        .isEqualTo("number,name\r\n+14155550100,\"Smith, \"\"Jo\"\"\"\r\n,\"two\nlines\"\r\n");
  }

  @Test
  void formulasAreShownNotRun() {
    assertThat(CsvExport.inert("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(CsvExport.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvExport.inert("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
    assertThat(CsvExport.inert("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvExport.inert("\tx")).isEqualTo("'\tx");
    assertThat(CsvExport.inert("+14155550100")).isEqualTo("+14155550100");
    assertThat(CsvExport.inert("-3.5")).isEqualTo("-3.5");
    assertThat(CsvExport.inert("Jo = Ann")).isEqualTo("Jo = Ann");
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> export(List.of("a", "b"), new String[] {"1"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void whatIsWrittenReadsBackAsItWasShown(@ForAll("fields") String a, @ForAll("fields") String b)
      throws IOException {
    List<String[]> rows = read(export(List.of("a", "b"), new String[] {a, b}));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).containsExactly(CsvExport.inert(a), CsvExport.inert(b));
  }
}
