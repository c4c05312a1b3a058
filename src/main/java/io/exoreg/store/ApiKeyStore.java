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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * API keys in PostgreSQL. A secret is 256 random bits, shown once when made; only its SHA-256 hash
 * is stored, and a presented secret is looked up by its hash, so the secret is never compared.
 */
@ApplicationScoped
public class ApiKeyStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "exo_";
  private static final String ADMIN = "admin";

  private final Clock clock;

  public ApiKeyStore(Clock clock) {
    this.clock = clock;
  }

  /** A key as listed: never its secret or hash. */
  public record KeyInfo(
      String name,
      List<String> scopes,
      OffsetDateTime createdAt,
      String createdBy,
      @Schema(nullable = true, description = "When it was revoked; null while it works")
          OffsetDateTime revokedAt,
      @Schema(nullable = true, description = "Who revoked it; null while it works")
          String revokedBy) {
    static KeyInfo of(ApiKeyRow row) {
      return new KeyInfo(
          row.name,
          List.of(row.scopes),
          row.createdAt,
          row.createdBy,
          row.revokedAt,
          row.revokedBy);
    }

    /** Whether the key manages keys. */
    public boolean admin() {
      return scopes.contains(ADMIN);
    }
  }

  /** A key just made, with the secret that is shown this once. */
  public record NewKey(KeyInfo key, String secret) {}

  /**
   * Makes a key; empty when the name is taken (by a live or a revoked key). Key writers take the
   * table writers' lock, so two made at once under one name give one key.
   */
  @Transactional
  public Optional<NewKey> create(String name, List<String> scopes, String actor) {
    RulesetRow.forWriting();
    return ApiKeyRow.findById(name) == null
        ? Optional.of(insert(name, scopes, actor))
        : Optional.empty();
  }

  /** On a database with no key at all, makes an admin key; empty otherwise. */
  @Transactional
  public Optional<NewKey> createFirstAdmin(String name) {
    // The ruleset row is the writers' lock: two instances starting at once make one key.
    RulesetRow.forWriting();
    return ApiKeyRow.count() == 0
        ? Optional.of(insert(name, List.of(ADMIN), "exoreg"))
        : Optional.empty();
  }

  /** Revokes a live key at once; false when there is no live key of that name. */
  @Transactional
  public boolean revoke(String name, String actor) {
    if (!Databases.storable(name)) {
      return false; // no key could ever have had that name
    }
    return ApiKeyRow.update(
            "revokedAt = ?1, revokedBy = ?2 where name = ?3 and revokedAt is null",
            OffsetDateTime.now(clock),
            actor,
            name)
        == 1;
  }

  @Transactional
  public List<KeyInfo> list() {
    return ApiKeyRow.<ApiKeyRow>listAll(Sort.by("name")).stream().map(KeyInfo::of).toList();
  }

  /** The live key whose secret this is; the hash, not the secret, is what is looked up. */
  @Transactional
  public Optional<KeyInfo> verify(String secret) {
    return ApiKeyRow.<ApiKeyRow>find("secretHash = ?1 and revokedAt is null", hash(secret))
        .firstResultOptional()
        .map(KeyInfo::of);
  }

  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private NewKey insert(String name, List<String> scopes, String actor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ApiKeyRow row = new ApiKeyRow();
    row.name = name;
    row.secretHash = hash(secret);
    row.scopes = scopes.toArray(String[]::new);
    row.createdAt = OffsetDateTime.now(clock);
    row.createdBy = actor;
    row.persist();
    return new NewKey(KeyInfo.of(row), secret);
  }
}
