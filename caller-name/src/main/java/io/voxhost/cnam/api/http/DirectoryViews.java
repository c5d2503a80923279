package io.voxhost.cnam.api.http;

import io.voxhost.cnam.service.DirectoryEntry;
import io.voxhost.cnam.service.DirectoryService;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the directory resources take and return, the tenant's and the platform's alike. */
public final class DirectoryViews {

  static final String NUMBER =
      "The number: E.164 (+14155550123), or a national number read in the tenant's region (the"
          + " node's voxhost.cnam.default-region for the platform's directory)";

  private DirectoryViews() {}

  /** One entry. */
  @Schema(name = "DirectoryEntry", description = "A number's name in a directory")
  public record Entry(
      @Schema(description = "The number in E.164 form") String number,
      @Schema(
              description =
                  "The name as stored: cleaned (Unicode NFC, runs of spaces folded, format"
                      + " characters removed) and cut to 255 characters")
          String name,
      @Schema(description = "When the entry was last written") Instant updatedAt) {

    static Entry of(DirectoryEntry entry) {
      return new Entry(entry.number(), entry.name(), entry.updatedAt());
    }
  }

  /** One page. */
  @Schema(name = "DirectoryPage", description = "A page of entries in number order")
  public record Page(
      @Schema(description = "The entries, in number order") List<Entry> entries,
      @Schema(
              description =
                  "The after of the next page (the last number of this one); null on the last page")
          String next) {

    static Page of(DirectoryService.Page page) {
      return new Page(page.entries().stream().map(Entry::of).toList(), page.next());
    }
  }

  /** A PUT's body. */
  @Schema(name = "DirectoryName", description = "The name a number is to have")
  public record Name(
      @Schema(
              description =
                  "The name; control characters (line breaks, tabs, NUL) are refused, format"
                      + " characters removed, and what is longer than 255 characters cut",
              required = true)
          String name) {}

  /** What an import did. */
  @Schema(name = "DirectoryImported", description = "What an import wrote")
  public record Imported(
      @Schema(description = "Rows written (created or replaced)") int rows,
      @Schema(description = "Whether the directory was replaced as a whole") boolean replaced,
      @Schema(description = "The entries the directory holds now") long entries) {

    static Imported of(DirectoryService.Imported imported) {
      return new Imported(imported.rows(), imported.replaced(), imported.entries());
    }
  }

  /** What a clear removed. */
  @Schema(name = "DirectoryCleared", description = "What clearing the directory removed")
  public record Cleared(@Schema(description = "Entries removed") int removed) {}
}
