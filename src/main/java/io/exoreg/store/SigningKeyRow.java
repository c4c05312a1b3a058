package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A key that signs, or signed, decision receipts: its public half always, its private half (PKCS#8)
 * when the service generated it. Retired keys are kept for the receipts they signed.
 */
@Entity
@Table(name = "signing_key")
class SigningKeyRow extends PanacheEntityBase {
  @Id public String kid;

  public String algorithm;

  /** X.509 SubjectPublicKeyInfo, DER. */
  @Column(name = "public_key")
  public byte[] publicKey;

  /** PKCS#8, DER; absent for a key the deployment supplies in a file. */
  @Column(name = "private_key")
  public byte[] privateKey;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;

  @Column(name = "retired_at")
  public OffsetDateTime retiredAt;

  @Column(name = "retired_by")
  public String retiredBy;
}
