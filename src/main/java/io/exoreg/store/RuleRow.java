package io.exoreg.store;

import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "rule")
class RuleRow extends EntryRow<RuleEntry> {
  @Id public String id;
  public String ingredient;
  public String jurisdiction;
  public String source;

  @Column(name = "delivery_method")
  public String deliveryMethod;

  public String status;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> conditions;

  @Column(name = "legal_instrument")
  public String legalInstrument;

  @Column(name = "legal_provision")
  public String legalProvision;

  @Column(name = "legal_url")
  public String legalUrl;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> citations;

  @Column(name = "effective_from")
  public LocalDate effectiveFrom;

  @Column(name = "effective_to")
  public LocalDate effectiveTo;

  public String confidence;

  @Column(name = "verified_on")
  public LocalDate verifiedOn;

  public String notes;

  /** Writes a validated entry: its dates are ISO dates or null. */
  @Override
  void write(RuleEntry e) {
    id = e.id();
    ingredient = e.ingredient();
    jurisdiction = e.jurisdiction();
    source = e.source();
    deliveryMethod = e.deliveryMethod();
    status = e.status();
    conditions = e.conditions();
    LegalBasisEntry basis = e.legalBasis();
    legalInstrument = basis == null ? null : basis.instrument();
    legalProvision = basis == null ? null : basis.provision();
    legalUrl = basis == null ? null : basis.url();
    citations = e.references();
    effectiveFrom = date(e.effectiveFrom());
    effectiveTo = date(e.effectiveTo());
    confidence = e.confidence();
    verifiedOn = date(e.verifiedOn());
    notes = e.notes();
  }

  @Override
  RuleEntry entry() {
    LegalBasisEntry basis =
        legalInstrument == null && legalProvision == null && legalUrl == null
            ? null
            : new LegalBasisEntry(legalInstrument, legalProvision, legalUrl);
    return new RuleEntry(
        id,
        ingredient,
        jurisdiction,
        source,
        deliveryMethod,
        status,
        conditions,
        basis,
        citations,
        text(effectiveFrom),
        text(effectiveTo),
        confidence,
        text(verifiedOn),
        notes);
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
