package io.voxhost.sip.service;

import io.voxhost.platform.imports.CsvImport;
import io.voxhost.platform.imports.ImportRejected;
import io.voxhost.sip.store.SubscriberRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk creation of subscribers from CSV ({@code username,password,displayName}, RFC 4180 quoting,
 * an optional header line). The body is read row by row; every row is checked before anything is
 * written, and one bad row means nothing is.
 */
@ApplicationScoped
public class SubscriberImport {

  private final SubscriberService subscribers;

  SubscriberImport(SubscriberService subscribers) {
    this.subscribers = subscribers;
  }

  /** Writes every row, or none: {@link ImportRejected} names the bad ones. */
  public ImportOutcome.Imported run(UUID tenantId, Reader body) throws IOException, ImportRejected {
    String realm = subscribers.realmOf(tenantId);
    Set<String> seen = new HashSet<>();
    List<SubscriberRows.Row> rows =
        CsvImport.read(body, "username", fields -> row(realm, fields, seen));
    return subscribers.write(tenantId, rows);
  }

  private SubscriberRows.Row row(String realm, CsvImport.Fields fields, Set<String> seen)
      throws CsvImport.BadRow {
    if (fields.count() < 2 || fields.count() > 3) {
      throw new CsvImport.BadRow(
          "expected 2 or 3 fields (username,password,displayName), found " + fields.count());
    }
    String username = fields.raw(0);
    String password = fields.raw(1);
    String display = fields.get(2) == null ? null : fields.raw(2);
    String problem = SubscriberRules.problem(username, password, fields.raw(2));
    if (problem != null) {
      throw new CsvImport.BadRow(problem);
    }
    if (!seen.add(username)) {
      throw new CsvImport.BadRow("username '" + username + "' appears more than once");
    }
    return subscribers.row(realm, username, password, display);
  }
}
