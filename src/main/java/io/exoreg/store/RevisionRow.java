package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One committed change to the table: who made it, when, and what it was. */
@Entity
@Table(name = "revision")
public class RevisionRow extends PanacheEntityBase {
  @Id public long revision;

  @Column(name = "committed_at")
  public OffsetDateTime committedAt;

  public String actor;
  public String description;

  /** The whole table at this revision, as a gzip-compressed bundle. */
  public byte[] snapshot;
}
