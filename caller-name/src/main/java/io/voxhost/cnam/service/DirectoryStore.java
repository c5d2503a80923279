package io.voxhost.cnam.service;

import java.util.List;
import java.util.Optional;

/**
 * Where directory entries are kept. Every write announces itself on {@link DirectoryMemory#CHANNEL}
 * in its own transaction, so that every node forgets what it remembered once the write commits, and
 * only then.
 */
public interface DirectoryStore {

  /** One number's entry: numbers are E.164, as stored. */
  Optional<DirectoryEntry> find(DirectoryScope scope, String number);

  /**
   * Both directories' names of many numbers in one statement: for each, its tenant's entry and the
   * platform's, in the order asked.
   */
  List<DirectoryNames> findBoth(List<NumberInTenant> numbers);

  /** Up to {@code limit} entries after {@code after} (null for the first), in number order. */
  List<DirectoryEntry> page(DirectoryScope scope, String after, int limit);

  /**
   * Creates or replaces one entry; true when it was created. A creation that would make the
   * directory hold more than {@code maxEntries} is undone: {@link DirectoryFull}.
   */
  boolean put(DirectoryScope scope, String number, String name, int maxEntries);

  /** Removes one entry; false when there was none. */
  boolean delete(DirectoryScope scope, String number);

  /**
   * Writes every entry (the numbers are distinct), creating or replacing, in one transaction; with
   * {@code replace} every other entry of the scope is removed in the same one. Past {@code
   * maxEntries} entries afterwards nothing is written: {@link DirectoryFull}.
   *
   * @return the entries the directory holds afterwards
   */
  long load(DirectoryScope scope, List<DirectoryEntry> entries, boolean replace, int maxEntries);

  /** Removes every entry of the scope; returns how many there were. */
  int clear(DirectoryScope scope);
}
