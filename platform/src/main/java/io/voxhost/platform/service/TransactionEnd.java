package io.voxhost.platform.service;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Runs work once the current transaction has ended. */
final class TransactionEnd {

  private TransactionEnd() {}

  /**
   * Runs {@code action} after the current transaction commits or rolls back. A cache must forget a
   * changed row only then: forgotten earlier, a concurrent read would load the row as it was before
   * the commit and keep that for a whole TTL.
   */
  static void then(TransactionSynchronizationRegistry transactions, Runnable action) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            action.run();
          }
        });
  }
}
