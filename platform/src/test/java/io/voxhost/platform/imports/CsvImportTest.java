package io.voxhost.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvImportTest {

  private static final CsvImport.Rows<String> NAMES =
      f -> {
        if (f.count() != 2) {
          throw new CsvImport.BadRow("expected 2 fields, found " + f.count());
        }
        return f.get(0) + "=" + f.raw(1);
      };

  @Test
  void readsQuotedRowsAfterAHeaderAndSkipsEmptyLines() throws Exception {
    String body = "name,value\r\nalice,\"a, \"\"quoted\"\"\nvalue\"\r\n\r\nbob, spaced \n";
    assertThat(CsvImport.read(new StringReader(body), "name", NAMES))
        .containsExactly("alice=a, \"quoted\"\nvalue", "bob= spaced ");
  }

  @Test
  void badRowsAreReportedByTheirLineAndNothingIsKept() {
    String body = "alice,1\nbob\n\"carol\nsmith\",3\ndave,4,extra\n";
    assertThatThrownBy(() -> CsvImport.read(new StringReader(body), "name", NAMES))
        .isInstanceOfSatisfying(
            ImportRejected.class,
            e -> {
              assertThat(e.badRows()).isEqualTo(2);
              assertThat(e.problems())
                  .containsExactly(
                      new ImportRejected.RowProblem(2, "expected 2 fields, found 1"),
                      new ImportRejected.RowProblem(5, "expected 2 fields, found 3"));
              assertThat(e.getMessage()).isEqualTo("2 bad row(s); nothing was imported");
            });
  }

  @Test
  void onlyTheFirstHundredProblemsAreListedButAllAreCounted() {
    String body = "x\n".repeat(250);
    assertThatThrownBy(() -> CsvImport.read(new StringReader(body), "name", NAMES))
        .isInstanceOfSatisfying(
            ImportRejected.class,
            e -> {
              assertThat(e.badRows()).isEqualTo(250);
              assertThat(e.problems()).hasSize(CsvImport.MAX_REPORTED);
            });
  }

  @Test
  void refusesAnOverlongFieldAnUnterminatedQuoteAndAnEmptyBody() {
    String huge = "a," + "x".repeat(CsvImport.MAX_FIELD + 1) + "\n";
    assertThatThrownBy(() -> CsvImport.read(new StringReader(huge), "name", NAMES))
        .isInstanceOfSatisfying(
            ImportRejected.class,
            e -> assertThat(e.problems().get(0).message()).contains("longer than"));
    assertThatThrownBy(() -> CsvImport.read(new StringReader("a,\"open\n"), "name", NAMES))
        .isInstanceOfSatisfying(
            ImportRejected.class,
            e -> assertThat(e.problems().get(0).message()).startsWith("not readable as CSV"));
    assertThatThrownBy(() -> CsvImport.read(new StringReader("name,value\n"), "name", NAMES))
        .isInstanceOfSatisfying(
            ImportRejected.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(new ImportRejected.RowProblem(0, "no rows to import")));
  }

  @Test
  void aRowReaderMayRememberEarlierRows() throws Exception {
    java.util.Set<String> seen = new java.util.HashSet<>();
    CsvImport.Rows<String> unique =
        f -> {
          if (!seen.add(f.get(0))) {
            throw new CsvImport.BadRow(f.get(0) + " appears twice");
          }
          return f.get(0);
        };
    assertThat(CsvImport.read(new StringReader("a\nb\n"), "name", unique))
        .isEqualTo(List.of("a", "b"));
    assertThatThrownBy(() -> CsvImport.read(new StringReader("a\n"), "name", unique))
        .isInstanceOf(ImportRejected.class);
  }
}
