package io.exoreg.store;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keys that sign decision receipts, in PostgreSQL. Key writers take the table writers' lock, so
 * that instances starting at once on an empty database make one key between them, and a rotation
 * retires exactly the key that was signing.
 */
@ApplicationScoped
public class SigningKeyStore {
  private final Clock clock;

  public SigningKeyStore(Clock clock) {
    this.clock = clock;
  }

  /**
   * A signing key as stored: DER encodings, the private half only for the generated key that signs
   * now (a rotation forgets the private half of the key it retires).
   */
  public record StoredKey(
      String kid,
      String algorithm,
      byte[] publicKey,
      byte[] privateKey,
      OffsetDateTime createdAt,
      OffsetDateTime retiredAt) {
    static StoredKey of(SigningKeyRow row) {
      return new StoredKey(
          row.kid, row.algorithm, row.publicKey, row.privateKey, row.createdAt, row.retiredAt);
    }
  }

  /** A key to store: its id, algorithm and halves (DER), the private one absent for a file key. */
  public record NewKey(String kid, String algorithm, byte[] publicKey, byte[] privateKey) {}

  /** The generated key that signs now, made from {@code make} when there is none yet. */
  @Transactional
  public StoredKey currentOrCreate(Supplier<NewKey> make) {
    RulesetRow.forWriting();
    return current().orElseGet(() -> insert(make.get()));
  }

  /**
   * Retires the generated key that signs now, if any, forgetting its private half, and stores
   * {@code make}'s in its place.
   */
  @Transactional
  public StoredKey rotate(Supplier<NewKey> make, String actor) {
    RulesetRow.forWriting();
    current()
        .ifPresent(
            key ->
                SigningKeyRow.update(
                    "retiredAt = ?1, retiredBy = ?2, privateKey = null where kid = ?3",
                    OffsetDateTime.now(clock),
                    actor,
                    key.kid()));
    return insert(make.get());
  }

  /** Records the public half of a key the deployment supplies, once. */
  @Transactional
  public void recordPublic(NewKey key) {
    if (SigningKeyRow.findById(key.kid()) == null) {
      insert(new NewKey(key.kid(), key.algorithm(), key.publicKey(), null));
    }
  }

  /** Every key, newest first; only the generated key that signs now has its private half. */
  @Transactional
  public List<StoredKey> all() {
    return SigningKeyRow.<SigningKeyRow>listAll(Sort.by("createdAt").descending()).stream()
        .map(StoredKey::of)
        .toList();
  }

  private static Optional<StoredKey> current() {
    return SigningKeyRow.<SigningKeyRow>find("privateKey is not null and retiredAt is null")
        .firstResultOptional()
        .map(StoredKey::of);
  }

  private StoredKey insert(NewKey key) {
    SigningKeyRow row = new SigningKeyRow();
    row.kid = key.kid();
    row.algorithm = key.algorithm();
    row.publicKey = key.publicKey();
    row.privateKey = key.privateKey();
    row.createdAt = OffsetDateTime.now(clock);
    row.persist();
    return StoredKey.of(row);
  }
}
