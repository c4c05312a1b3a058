package io.exoreg.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  private static final String COLUMNS =
      "name, admin, created_at, created_by, revoked_at, revoked_by, secret_hash";

  private final Sql sql;
  private final Clock clock;

  public ApiKeyStore(Sql sql, Clock clock) {
    this.sql = sql;
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
    static KeyInfo of(ResultSet row) throws SQLException {
      return new KeyInfo(
          row.getString("name"),
          row.getBoolean("admin"),
          row.getObject("created_at", OffsetDateTime.class),
          row.getString("created_by"),
          row.getObject("revoked_at", OffsetDateTime.class),
          row.getString("revoked_by"));
    }
  }

  /** A key just made, with the secret that is shown this once. */
  public record NewKey(KeyInfo key, String secret) {}

  /** Makes a key; empty when the name is taken (by a live or a revoked key). */
  public Optional<NewKey> create(String name, boolean admin, String actor) {
    return sql.transaction(c -> insert(c, name, admin, actor));
  }

  /** On a database with no key at all, makes an admin key; empty otherwise. */
  public Optional<NewKey> createFirstAdmin(String name) {
    return sql.transaction(
        c -> {
          // The ruleset row is the writers' lock: two instances starting at once make one key.
          RulesetStore.head(c, "FOR UPDATE");
          boolean none =
              Sql.first(c, "SELECT NOT EXISTS (SELECT 1 FROM api_key)", row -> row.getBoolean(1))
                  .orElse(true);
          return none ? insert(c, name, true, "exoreg") : Optional.empty();
        });
  }

  /** Revokes a live key at once; false when there is no live key of that name. */
  public boolean revoke(String name, String actor) {
    if (!Databases.storable(name)) {
      return false; // no key could ever have had that name
    }
    return sql.transaction(
        c ->
            Sql.update(
                    c,
                    "UPDATE api_key SET revoked_at = ?, revoked_by = ?"
                        + " WHERE name = ? AND revoked_at IS NULL",
                    OffsetDateTime.now(clock),
                    actor,
                    name)
                == 1);
  }

  public List<KeyInfo> list() {
    return sql.transaction(
        c -> Sql.list(c, "SELECT " + COLUMNS + " FROM api_key ORDER BY name", KeyInfo::of));
  }

  /** The live key whose secret this is. */
  public Optional<KeyInfo> verify(String secret) {
    byte[] hash = hash(secret);
    return sql.transaction(
        c ->
            Sql.first(
                c,
                "SELECT " + COLUMNS + " FROM api_key WHERE secret_hash = ? AND revoked_at IS NULL",
                row ->
                    MessageDigest.isEqual(row.getBytes("secret_hash"), hash)
                        ? KeyInfo.of(row)
                        : null,
                hash));
  }

  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts a new key; empty when a key of that name exists, even one made a moment ago. */
  private Optional<NewKey> insert(Connection c, String name, boolean admin, String actor)
      throws SQLException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return Sql.first(
            c,
            "INSERT INTO api_key (name, secret_hash, admin, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING "
                + COLUMNS,
            KeyInfo::of,
            name,
            hash(secret),
            admin,
            OffsetDateTime.now(clock),
            actor)
        .map(key -> new NewKey(key, secret));
  }
}
