package io.voxhost.cnam.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.database.ChangeFeed;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Directory entries held in memory, both directories', so that a number looked up again is answered
 * without the database: the name, or that the directory has none (absences are kept too, or every
 * unknown caller would read the database twice). Bounded by {@code
 * voxhost.cnam.directory.cache-size}, least used first out.
 *
 * <p>Every write, on any node, is announced on {@link #CHANNEL} when it commits: a line {@code
 * <tenant-id|platform> <e164>}, or {@code <...> *} for an import or a clear (one line, not one a
 * row). Every node, this one included, forgets what the line names when it arrives; the node that
 * wrote also forgets right after its commit, so its own next lookup reads the change. A read that
 * overlapped a change is not kept (it may have read the row as it was), and after the feed lost its
 * connection everything is forgotten.
 */
@Singleton
public class DirectoryMemory {

  /** Where directory changes are announced, by every node to every node. */
  public static final String CHANNEL = "voxhost_cnam_directory";

  /** The number of a line that names a whole directory (an import, a clear). */
  public static final String EVERY_NUMBER = "*";

  private static final Logger LOG = Logger.getLogger(DirectoryMemory.class);

  private final DirectoryStore store;
  private final ChangeFeed feed;
  private final Cache<Key, Optional<String>> names;
  private final ReentrantReadWriteLock changing = new ReentrantReadWriteLock();

  /** Changes applied so far; written under {@link #changing}'s write lock. */
  private volatile long changes;

  /** One number in one directory. */
  record Key(DirectoryScope scope, String number) {}

  DirectoryMemory(DirectoryStore store, ChangeFeed feed, CnamConfig config) {
    this.store = store;
    this.feed = feed;
    this.names = Caffeine.newBuilder().maximumSize(config.directory().cacheSize()).build();
  }

  /** The line announcing a change of {@code number} ({@link #EVERY_NUMBER} for all) in a scope. */
  public static String line(DirectoryScope scope, String number) {
    return scope.label() + " " + number;
  }

  /** Follows every node's changes from now on; returns once the feed listens. */
  public void follow(Duration timeout) throws InterruptedException {
    feed.subscribe(CHANNEL, ChangeFeed.Senders.EVERY_NODE, this::changed, this::forgetAll)
        .awaitSynchronised(timeout);
  }

  /**
   * What memory knows of the number: empty when it knows nothing, else the name or, empty inside,
   * that the directory has none.
   */
  public Optional<Optional<String>> known(DirectoryScope scope, String e164) {
    return Optional.ofNullable(names.getIfPresent(new Key(scope, e164)));
  }

  /**
   * Reads many numbers in both directories at once (the caller's thread waits) and keeps all it
   * found, in the order asked.
   */
  public List<DirectoryNames> readBoth(List<NumberInTenant> numbers) {
    long asOf = changes;
    List<DirectoryNames> found = store.findBoth(numbers);
    // Kept unless a change came since the read began or one is being applied now: the next
    // lookup reads again. Readers keep theirs side by side; only a change excludes them.
    if (!changing.readLock().tryLock()) {
      return found;
    }
    try {
      if (changes == asOf) {
        for (int i = 0; i < numbers.size(); i++) {
          NumberInTenant asked = numbers.get(i);
          DirectoryNames read = found.get(i);
          names.put(new Key(DirectoryScope.of(asked.tenant()), asked.e164()), read.tenant());
          names.put(new Key(DirectoryScope.PLATFORM, asked.e164()), read.platform());
        }
      }
    } finally {
      changing.readLock().unlock();
    }
    return found;
  }

  /** Forgets the number ({@link #EVERY_NUMBER}: every number) of the scope, at once. */
  public void forget(DirectoryScope scope, String number) {
    changing.writeLock().lock();
    try {
      changes++;
      if (EVERY_NUMBER.equals(number)) {
        names.asMap().keySet().removeIf(key -> key.scope().equals(scope));
      } else {
        names.invalidate(new Key(scope, number));
      }
    } finally {
      changing.writeLock().unlock();
    }
  }

  /** Entries (and absences) held now, about; at most {@code directory.cache-size}. */
  public long size() {
    names.cleanUp();
    return names.estimatedSize();
  }

  private void changed(List<String> lines) {
    for (String line : lines) {
      int space = line.indexOf(' ');
      Optional<DirectoryScope> scope =
          space < 0 ? Optional.empty() : DirectoryScope.parse(line.substring(0, space));
      if (scope.isEmpty()) {
        LOG.debugf("Unreadable directory change '%s': everything is forgotten", line);
        forgetAll();
        continue;
      }
      forget(scope.get(), line.substring(space + 1));
    }
  }

  /** After the feed was away: any entry may have changed meanwhile. */
  private void forgetAll() {
    changing.writeLock().lock();
    try {
      changes++;
      names.invalidateAll();
    } finally {
      changing.writeLock().unlock();
    }
  }
}
