package io.exoreg.decision;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of the rule table, or of a policy. {@code effectiveFrom} is inclusive and {@code
 * effectiveTo} exclusive; a null end is open. Only a policy's rule may have a null {@code
 * jurisdiction} (everywhere) or a {@code rationale}.
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
    String notes,
    String rationale) {

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
