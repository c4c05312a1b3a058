package io.exoreg.decision;

/** Regulatory statuses, declared from least to most severe so that ordinal order is severity. */
public enum Status {
  PERMITTED,
  RESTRICTED,
  UNKNOWN,
  NOT_APPROVED,
  PROHIBITED;

  public boolean isMoreSevereThan(Status other) {
    return compareTo(other) > 0;
  }

  public boolean isAtLeast(Status threshold) {
    return compareTo(threshold) >= 0;
  }
}
