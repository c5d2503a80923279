package io.voxhost.phones.service;

import java.time.Duration;

/**
 * The phases of a run, whoever runs them: one process's {@link Fleet}, or a coordinator's agents,
 * each running its slice of the fleet and answering with its figures.
 */
public interface Phases extends AutoCloseable {

  /** Every phone boots at once; ends when each has registered or failed, or at {@code limit}. */
  PhaseStats bootStorm(Duration limit) throws InterruptedException;

  /** Phones boot {@code perSecond} a second, in order; ends as a boot storm does. */
  PhaseStats ramp(double perSecond, Duration limit) throws InterruptedException;

  /** Phones refresh on their own for {@code length}; their refreshes count here. */
  PhaseStats steady(Duration length) throws InterruptedException;

  /** Calls for {@code length}, {@code perSecond} a second, each held {@code hold}. */
  PhaseStats callMix(double perSecond, Duration length, Duration hold, Duration limit)
      throws InterruptedException;

  /** Every phone registers again at once. */
  PhaseStats registrationBurst(Duration limit) throws InterruptedException;

  /** Phones in the fleet. */
  int size();

  @Override
  void close();
}
