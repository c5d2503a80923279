package io.voxhost.cnam.service;

/**
 * A dip that got no answer, and why; what {@link ProviderHttp} fails with. Carries no stack trace:
 * it is an expected outcome counted by the thousand when a provider is down, not a bug.
 */
public class DipFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final DipOutcome outcome;

  public DipFailure(DipOutcome outcome, String message) {
    super(message, null, false, false);
    this.outcome = outcome;
  }

  public DipOutcome outcome() {
    return outcome;
  }
}
