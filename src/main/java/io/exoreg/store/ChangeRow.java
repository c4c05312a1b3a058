package io.exoreg.store;

import io.exoreg.ruleset.Change;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One entry that a revision added, changed or removed, with its state before and after as bundle
 * JSON; a large import leaves the state after of the entries it wrote to its checkpoint (no state
 * after, though not removed). Ids are drawn in blocks, so the feed is ordered by revision first.
 */
@Entity
@Table(name = "table_change")
class ChangeRow extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "table_change_id")
  @SequenceGenerator(
      name = "table_change_id",
      sequenceName = "table_change_id_seq",
      allocationSize = 50)
  public Long id;

  public long revision;
  public String action;
  public String entity;

  @Column(name = "entity_id")
  public String entityId;

  public String before;
  public String after;

  /**
   * Whether the row leaves the entry's state after to its revision's checkpoint: a large import.
   */
  boolean leavesStateAfterToCheckpoint() {
    return after == null && !Change.Action.removed.name().equals(action);
  }
}
