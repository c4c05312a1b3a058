package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One attempt to deliver an event to its webhook. */
@Entity
@Table(name = "webhook_attempt")
class WebhookAttemptRow extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "watch_id")
  public String watchId;

  @Column(name = "event_id")
  public long eventId;

  public int attempt;

  @Column(name = "attempted_at")
  public OffsetDateTime attemptedAt;

  /** The receiver's status code; null when no answer came. */
  @Column(name = "status_code")
  public Integer statusCode;

  @Column(name = "duration_ms")
  public int durationMs;

  public String error;
}
