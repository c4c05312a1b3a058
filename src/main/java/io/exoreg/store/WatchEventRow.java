package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An event of a watch, and its place in the webhooks' outbox. */
@Entity
@Table(name = "watch_event")
class WatchEventRow extends PanacheEntityBase {
  @Id public long id;

  @Column(name = "watch_id")
  public String watchId;

  public long revision;

  public String cause;

  @Column(name = "effective_on")
  public LocalDate effectiveOn;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  /** The event as JSON: what the events feed lists and the webhook delivers. */
  public String body;

  /** {@code pending}, {@code delivered}, {@code failed}, or {@code none} with no webhook. */
  public String state;

  public int attempts;

  @Column(name = "next_attempt_at")
  public OffsetDateTime nextAttemptAt;
}
