package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.codec.NameText;
import io.voxhost.platform.imports.CsvImport;
import io.voxhost.platform.imports.ImportRejected;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.ResourceNotFound;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The directories as tenants and operators edit them. Numbers are read in the tenant's region (the
 * node's for the platform's directory) and stored in E.164 form; names are cleaned before they are
 * stored, and a name with control characters is refused rather than silently changed. Every write
 * is announced on the change feed by the store, and forgotten here as soon as it committed.
 */
@ApplicationScoped
public class DirectoryService {

  /** Imports at once on a node: each holds up to a million parsed rows (about 200 MB). */
  static final int MAX_IMPORTS = 2;

  private static final Duration IMPORT_WAIT = Duration.ofSeconds(10);

  private final int maxEntries;
  private final Semaphore imports = new Semaphore(MAX_IMPORTS);

  /** Entries a page holds at most. */
  public static final int MAX_PAGE = 1000;

  private final DirectoryStore store;
  private final DirectoryMemory memory;
  private final TenantLookupRules rules;

  DirectoryService(
      DirectoryStore store, DirectoryMemory memory, TenantLookupRules rules, CnamConfig config) {
    this.maxEntries = config.directory().maxEntries();
    this.store = store;
    this.memory = memory;
    this.rules = rules;
  }

  /** One page in number order, and the cursor of the next (null after the last). */
  public record Page(List<DirectoryEntry> entries, String next) {}

  /** What an import left: the rows written, and the entries the directory holds now. */
  public record Imported(int rows, boolean replaced, long entries) {}

  /** An entry as written, and whether it is new. */
  public record Written(DirectoryEntry entry, boolean created) {}

  /** The entry of {@code number}; {@link ResourceNotFound} when the directory has none. */
  public DirectoryEntry get(DirectoryScope scope, String number) {
    String e164 = number(scope, number);
    return store.find(scope, e164).orElseThrow(() -> notFound(scope, e164));
  }

  /** Up to {@code limit} (1 to {@link #MAX_PAGE}) entries after the number {@code after}. */
  public Page page(DirectoryScope scope, String after, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidInput(
          "limit must be 1 to " + MAX_PAGE + ", not " + limit,
          List.of(new InvalidInput.FieldProblem("limit", "1 to " + MAX_PAGE)));
    }
    List<DirectoryEntry> entries = store.page(scope, after, limit);
    String next = entries.size() < limit ? null : entries.get(entries.size() - 1).number();
    return new Page(entries, next);
  }

  /** Creates or replaces the number's entry. */
  public Written put(DirectoryScope scope, String number, String name) {
    String e164 = number(scope, number);
    String problem = nameProblem(name);
    if (problem != null) {
      throw new InvalidInput(
          "the name is not valid: " + problem,
          List.of(new InvalidInput.FieldProblem("name", problem)));
    }
    String clean = NameText.clean(name, NameText.MAX_LENGTH);
    boolean created = store.put(scope, e164, clean, maxEntries);
    memory.forget(scope, e164);
    return new Written(
        store.find(scope, e164).orElse(new DirectoryEntry(e164, clean, null)), created);
  }

  /** Removes the number's entry; {@link ResourceNotFound} when there was none. */
  public void delete(DirectoryScope scope, String number) {
    String e164 = number(scope, number);
    boolean gone = store.delete(scope, e164);
    memory.forget(scope, e164);
    if (!gone) {
      throw notFound(scope, e164);
    }
  }

  /** Removes every entry; returns how many there were. */
  public int clear(DirectoryScope scope) {
    int gone = store.clear(scope);
    memory.forget(scope, DirectoryMemory.EVERY_NUMBER);
    return gone;
  }

  /**
   * Writes every row of a CSV body ({@code number,name}, an optional header line starting with
   * {@code number}), or none: {@link ImportRejected} names the bad rows by line. With {@code
   * replace} the directory afterwards holds exactly the body's entries, in the same transaction.
   */
  public Imported load(DirectoryScope scope, Reader body, boolean replace)
      throws IOException, ImportRejected {
    boolean admitted;
    try {
      admitted = imports.tryAcquire(IMPORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImportsBusy("interrupted while waiting for another import to end");
    }
    if (!admitted) {
      throw new ImportsBusy(
          MAX_IMPORTS + " directory imports are running on this node; try again shortly");
    }
    try {
      return loadAdmitted(scope, body, replace);
    } finally {
      imports.release();
    }
  }

  private Imported loadAdmitted(DirectoryScope scope, Reader body, boolean replace)
      throws IOException, ImportRejected {
    String region = region(scope);
    Map<String, Long> lines = new HashMap<>();
    List<DirectoryEntry> entries =
        CsvImport.read(body, "number", fields -> row(fields, region, lines));
    lines.clear();
    long held = store.load(scope, entries, replace, maxEntries);
    memory.forget(scope, DirectoryMemory.EVERY_NUMBER);
    return new Imported(entries.size(), replace, held);
  }

  private static DirectoryEntry row(CsvImport.Fields fields, String region, Map<String, Long> lines)
      throws CsvImport.BadRow {
    if (fields.count() != 2) {
      throw new CsvImport.BadRow("expected 2 fields (number,name), found " + fields.count());
    }
    String number = fields.get(0);
    Optional<String> e164 = number == null ? Optional.empty() : PhoneNumbers.e164(number, region);
    if (e164.isEmpty()) {
      throw new CsvImport.BadRow(
          "'" + (number == null ? "" : number) + "' is not a number: " + numberRule(region));
    }
    String problem = nameProblem(fields.get(1));
    if (problem != null) {
      throw new CsvImport.BadRow("the name is not valid: " + problem);
    }
    Long first = lines.putIfAbsent(e164.get(), fields.line());
    if (first != null) {
      throw new CsvImport.BadRow(e164.get() + " is on line " + first + " already");
    }
    return new DirectoryEntry(e164.get(), NameText.clean(fields.get(1), NameText.MAX_LENGTH), null);
  }

  /** Why the name cannot be stored; null when it can (cleaned first). */
  static String nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "a name is required";
    }
    if (name.length() > CsvImport.MAX_FIELD) {
      return "longer than " + CsvImport.MAX_FIELD + " characters";
    }
    if (name.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL)) {
      return "control characters (such as a line break, a tab or NUL) are not allowed";
    }
    if (NameText.clean(name, NameText.MAX_LENGTH) == null) {
      return "nothing printable in it";
    }
    return null;
  }

  /** The number in E.164 form, read in the scope's region; {@link InvalidInput} naming it. */
  private String number(DirectoryScope scope, String number) {
    String region = region(scope);
    Optional<String> e164 =
        number == null || number.length() > 64
            ? Optional.empty()
            : PhoneNumbers.e164(number.strip(), region);
    return e164.orElseThrow(
        () -> {
          String shown =
              number == null ? "" : number.length() > 80 ? number.substring(0, 80) + "…" : number;
          return new InvalidInput(
              "\"" + shown + "\" is not a number: " + numberRule(region),
              List.of(new InvalidInput.FieldProblem("number", numberRule(region))));
        });
  }

  private String region(DirectoryScope scope) {
    return rules.region(scope.isPlatform() ? LookupRules.DEFAULT : rules.of(scope.tenant()));
  }

  private static String numberRule(String region) {
    return region == null
        ? "E.164 expected (+ and country code, such as +14155550123)"
        : "E.164 (+ and country code) or a number of the region " + region + " expected";
  }

  private static ResourceNotFound notFound(DirectoryScope scope, String e164) {
    return new ResourceNotFound(
        (scope.isPlatform() ? "the platform's directory" : "the directory")
            + " has no entry for "
            + e164);
  }
}
