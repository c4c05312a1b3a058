package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A catalogue kept under the API key that made it, and where its events are delivered. */
@Entity
@Table(name = "watch")
class WatchRow extends PanacheEntityBase {
  @Id public String id;

  public String owner;

  public String name;

  /** The catalogue as posted, JSON. */
  public String catalogue;

  public String policy;

  @Column(name = "fail_on")
  public String failOn;

  @Column(name = "warn_on")
  public String warnOn;

  @Column(name = "webhook_url")
  public String webhookUrl;

  public String secret;

  @Column(name = "previous_secret")
  public String previousSecret;

  @Column(name = "previous_secret_until")
  public OffsetDateTime previousSecretUntil;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;
}
