package io.exoreg.decision;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of the rule table. {@code effectiveFrom} is inclusive and {@code effectiveTo} exclusive;
 * a null end is open.
 */
public record Rule(
    String id,
    String ingredient,
    String jurisdiction,
    String source,
    String deliveryMethod,
    Status status,
    List<String> conditions,
    LegalBasis legalBasis,
    List<String> references,
    LocalDate effectiveFrom,
    LocalDate effectiveTo,
    String confidence,
    LocalDate verifiedOn,
    String notes) {

  public Rule {
    conditions = List.copyOf(conditions);
    references = List.copyOf(references);
  }

  public boolean inForceOn(LocalDate date) {
    return (effectiveFrom == null || !date.isBefore(effectiveFrom))
        && (effectiveTo == null || date.isBefore(effectiveTo));
  }

  /** Whether both rules would apply on some common day. */
  public boolean overlaps(Rule other) {
    return (effectiveFrom == null
            || other.effectiveTo == null
            || effectiveFrom.isBefore(other.effectiveTo))
        && (other.effectiveFrom == null
            || effectiveTo == null
            || other.effectiveFrom.isBefore(effectiveTo));
  }
}
