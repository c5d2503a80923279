package io.voxhost.tftp.service;

import io.voxhost.platform.database.ChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;

/**
 * Announces changed devices in the changing transaction: every node (this one included) reads them
 * back once it commits, through the {@link ChangeFeed}; this node also forgets them as soon as the
 * transaction ends, so that its own next lookup reads them even before the notice arrives.
 */
@ApplicationScoped
public class DeviceChanges {

  private final ChangeFeed feed;
  private final DeviceDirectory directory;
  private final TransactionSynchronizationRegistry transactions;

  DeviceChanges(
      ChangeFeed feed, DeviceDirectory directory, TransactionSynchronizationRegistry transactions) {
    this.feed = feed;
    this.directory = directory;
    this.transactions = transactions;
  }

  /** Call inside the transaction that makes the changes. */
  public void announce(List<DeviceChange> changed) {
    if (changed.isEmpty()) {
      return;
    }
    List<DeviceChange> copy = List.copyOf(changed);
    feed.publish(DeviceDirectory.CHANNEL, copy.stream().map(DeviceChange::line).toList());
    // Forgotten before the commit, a lookup in between would read the old row and keep it.
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            directory.forget(copy);
          }
        });
  }

  /** One device changed. */
  public void announce(MacAddress mac) {
    announce(List.of(new DeviceChange.OneDevice(mac)));
  }
}
