package io.voxhost.sip.service;

/**
 * The text a dial-plan pattern is matched against, which gives up once the match has run too long:
 * a tenant's pattern must not let a caller's number stall a worker (catastrophic backtracking).
 */
final class PatternBudget implements CharSequence {

  /** Thrown when a match ran out of time. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("pattern match took too long", null, false, false);
    }
  }

  private final CharSequence text;
  private final long deadline;
  private int reads;

  PatternBudget(CharSequence text, long deadlineNanos) {
    this.text = text;
    this.deadline = deadlineNanos;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0x3FF) == 0 && System.nanoTime() > deadline) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new PatternBudget(text.subSequence(start, end), deadline);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
