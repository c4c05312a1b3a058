package io.exoreg.store;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * API keys in PostgreSQL. A secret is 256 random bits, shown once when made; only its SHA-256 hash
 * is stored, and a presented secret is compared by hash in constant time.
 */
@ApplicationScoped
public class ApiKeyStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "exo_";

  private final Clock clock;

  public ApiKeyStore(Clock clock) {
    this.clock = clock;
  }

  /** A key as listed: never its secret or hash. */
  public record KeyInfo(
      String name,
      boolean admin,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime revokedAt,
      String revokedBy) {
    static KeyInfo of(ApiKeyRow row) {
      return new KeyInfo(
          row.name, row.admin, row.createdAt, row.createdBy, row.revokedAt, row.revokedBy);
    }
  }

  /** A key just made, with the secret that is shown this once. */
  public record NewKey(KeyInfo key, String secret) {}

  /** Makes a key; empty when the name is taken (by a live or a revoked key). */
  @Transactional
  public Optional<NewKey> create(String name, boolean admin, String actor) {
    if (ApiKeyRow.findById(name) != null) {
      return Optional.empty();
    }
    return Optional.of(insert(name, admin, actor));
  }

  /** On a database with no key at all, makes an admin key; empty otherwise. */
  @Transactional
  public Optional<NewKey> createFirstAdmin(String name) {
    // The ruleset row is the writers' lock: two instances starting at once make one key.
    RulesetRow.findById(RulesetRow.ID, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (ApiKeyRow.count() > 0) {
      return Optional.empty();
    }
    return Optional.of(insert(name, true, "exoreg"));
  }

  /** Revokes a live key at once; false when there is no live key of that name. */
  @Transactional
  public boolean revoke(String name, String actor) {
    if (!Databases.storable(name)) {
      return false; // no key could ever have had that name
    }
    ApiKeyRow row = ApiKeyRow.findById(name);
    if (row == null || row.revokedAt != null) {
      return false;
    }
    row.revokedAt = OffsetDateTime.now(clock);
    row.revokedBy = actor;
    return true;
  }

  @Transactional
  public List<KeyInfo> list() {
    return ApiKeyRow.<ApiKeyRow>listAll(Sort.by("name")).stream().map(KeyInfo::of).toList();
  }

  /** The live key whose secret this is. */
  @Transactional
  public Optional<KeyInfo> verify(String secret) {
    byte[] hash = hash(secret);
    ApiKeyRow row = ApiKeyRow.find("secretHash = ?1 and revokedAt is null", hash).firstResult();
    if (row == null || !MessageDigest.isEqual(row.secretHash, hash)) {
      return Optional.empty();
    }
    return Optional.of(KeyInfo.of(row));
  }

  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private NewKey insert(String name, boolean admin, String actor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ApiKeyRow row = new ApiKeyRow();
    row.name = name;
    row.secretHash = hash(secret);
    row.admin = admin;
    row.createdAt = OffsetDateTime.now(clock);
    row.createdBy = actor;
    row.persist();
    return new NewKey(KeyInfo.of(row), secret);
  }
}
