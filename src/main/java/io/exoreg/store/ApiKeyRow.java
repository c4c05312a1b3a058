package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A named API key; the secret itself is never stored, only its SHA-256 hash. */
@Entity
@Table(name = "api_key")
class ApiKeyRow extends PanacheEntityBase {
  @Id public String name;

  @Column(name = "secret_hash")
  public byte[] secretHash;

  /** What the key may do: {@code law}, {@code admin}, later {@code policy:<id>}. */
  @Column(name = "scopes", columnDefinition = "text[]")
  public String[] scopes;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "revoked_at")
  public OffsetDateTime revokedAt;

  @Column(name = "revoked_by")
  public String revokedBy;
}
