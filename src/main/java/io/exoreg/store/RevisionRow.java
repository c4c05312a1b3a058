package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One committed change to the table: who made it, when, and what it was. Now and then a revision
 * also keeps the whole table as it was (a checkpoint), from which older states are rebuilt.
 */
@Entity
@Table(name = "revision")
class RevisionRow extends PanacheEntityBase {
  @Id public long revision;

  @Column(name = "committed_at")
  public OffsetDateTime committedAt;

  public String actor;
  public String description;

  /** The whole table at this revision as a compressed bundle (Zstandard, or gzip), or null. */
  @Basic(fetch = FetchType.LAZY)
  public byte[] checkpoint;
}
