package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
public class RuleRow extends PanacheEntityBase {
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
  public int position;
}
