package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry that a revision added, changed or removed; before and after are bundle JSON. */
@Entity
@Table(name = "table_change")
public class ChangeRow extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public long revision;
  public String action;
  public String entity;

  @Column(name = "entity_id")
  public String entityId;

  public String before;
  public String after;
}
