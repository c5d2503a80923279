package io.voxhost.cnam.api.http;

import io.voxhost.cnam.service.DirectoryScope;
import io.voxhost.cnam.service.DirectoryService;
import io.voxhost.cnam.service.ImportsBusy;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.imports.ImportRejected;
import io.voxhost.platform.service.InvalidInput;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** What the tenant's and the platform's directory resources do alike, for a scope. */
final class DirectoryEndpoints {

  static final String AFTER = "The next of the previous page; absent for the first";
  static final String LIMIT = "Entries per page, 1 to 1000";
  static final String REPLACE =
      "true: the directory afterwards holds exactly the file's entries (the others removed in the"
          + " same transaction); false: the file's entries are added or replace those there";
  static final String CSV =
      "RFC 4180 CSV, one entry a row: number,name (quote a name with a comma); an optional header"
          + " line starting with 'number'; empty lines are skipped; at most 1,000,000 rows";
  static final String IMPORT =
      "Writes every row in one transaction, or none: every row is checked first, and one bad row"
          + " (a number that is not one, a number twice, a name with control characters) means"
          + " nothing is written. The next lookup on every node answers from the new entries.";
  static final String FULL =
      "The directory would hold more than voxhost.cnam.directory.max-entries entries; nothing"
          + " was written";

  static final String IMPORT_REFUSED =
      "A row is bad, the body is not CSV, it has no rows or more than 1,000,000. Nothing was"
          + " written; errors names each bad row as 'line N' (the first 100).";
  static final String TOO_LARGE = "The body is larger than the node takes (quarkus.http.limits)";

  private final DirectoryService directory;
  private final String collection;

  /** {@code collection}: the path entries are found under, for Location. */
  DirectoryEndpoints(DirectoryService directory, String collection) {
    this.directory = directory;
    this.collection = collection;
  }

  DirectoryViews.Page list(DirectoryScope scope, String after, int limit) {
    return DirectoryViews.Page.of(directory.page(scope, after, limit));
  }

  DirectoryViews.Entry get(DirectoryScope scope, String number) {
    return DirectoryViews.Entry.of(directory.get(scope, number));
  }

  Response put(DirectoryScope scope, String number, DirectoryViews.Name body, UriInfo uri) {
    if (body == null) {
      throw new InvalidInput(
          "a JSON body {\"name\": ...} is required",
          List.of(new InvalidInput.FieldProblem("name", "a name is required")));
    }
    DirectoryService.Written written = directory.put(scope, number, body.name());
    DirectoryViews.Entry entry = DirectoryViews.Entry.of(written.entry());
    if (!written.created()) {
      return Response.ok(entry).build();
    }
    return Response.created(uri.getBaseUriBuilder().path(collection).path(entry.number()).build())
        .entity(entry)
        .build();
  }

  void delete(DirectoryScope scope, String number) {
    directory.delete(scope, number);
  }

  DirectoryViews.Cleared clear(DirectoryScope scope) {
    return new DirectoryViews.Cleared(directory.clear(scope));
  }

  DirectoryViews.Imported load(DirectoryScope scope, InputStream body, boolean replace)
      throws IOException, ImportRejected {
    try {
      return DirectoryViews.Imported.of(
          directory.load(scope, new InputStreamReader(body, StandardCharsets.UTF_8), replace));
    } catch (ImportsBusy e) {
      throw ApiProblem.tooManyRequests(e.getMessage(), Duration.ofSeconds(10));
    }
  }
}
