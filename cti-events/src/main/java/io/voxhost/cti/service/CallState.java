package io.voxhost.cti.service;

/** Where a call record stands. */
public enum CallState {
  /** Some of its call keys have not ended yet. */
  OPEN("open"),
  /** Every call key in it has ended. */
  COMPLETE("complete"),
  /** Its end never came: the sweep closed it after {@code voxhost.cti.abandon-after} of quiet. */
  CLOSED_BY_SWEEP("closed-by-sweep"),
  /** Its events could not be made into a record; the problem says why. */
  UNREADABLE("unreadable");

  private final String label;

  CallState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static CallState of(String label) {
    for (CallState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no call state " + label);
  }
}
