package io.exoreg.runtime;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the service itself, under the {@code exoreg} prefix. Each is checked at start: a
 * value out of range stops the start with a message that names the setting.
 */
@ConfigMapping(prefix = "exoreg")
public interface ExoregConfig {
  /** {@code exoreg.default-ingredient}: the ingredient of a question that names none. */
  @WithDefault("exosome")
  String defaultIngredient();

  /**
   * {@code exoreg.default-ruleset}: the classpath resource imported as revision 1 on the first
   * start against an empty database.
   */
  @WithDefault("default-ruleset.json")
  String defaultRuleset();

  /** {@code exoreg.http.max-age}: seconds that clients and caches may reuse a read answer. */
  @WithName("http.max-age")
  @WithDefault("60")
  @WithConverter(Bounds.AtLeastZero.class)
  int httpMaxAge();

  /**
   * {@code exoreg.http.max-body-size}: the largest request body, from its Content-Length; larger
   * bodies get a 413 problem before any of them is read.
   */
  @WithName("http.max-body-size")
  @WithDefault("10M")
  @WithConverter(Bounds.PositiveSize.class)
  MemorySize maxBodySize();

  /** {@code exoreg.http.max-uri-length}: the longest path and query, in characters. */
  @WithName("http.max-uri-length")
  @WithDefault("8192")
  @WithConverter(Bounds.AtLeastOne.class)
  int maxUriLength();

  /**
   * The embedded PostgreSQL. {@link Main} reads these before this configuration exists, since they
   * decide the datasource; they are declared here so that a system property may give them too.
   */
  Embedded embedded();

  interface Embedded {
    /** {@code exoreg.embedded.data-dir}: where the embedded server keeps its data. */
    @WithDefault(Main.DEFAULT_DATA_DIR)
    String dataDir();

    /**
     * {@code exoreg.embedded.port}: the port asked for; a free one when another process has it, or
     * for 0.
     */
    @WithDefault(Main.DEFAULT_PORT)
    int port();
  }

  /**
   * {@code exoreg.exit-once-started}: stop as soon as the start is over, read by {@link Main} like
   * the embedded server's settings.
   */
  @WithDefault("false")
  boolean exitOnceStarted();

  /**
   * {@code exoreg.class-load-log}: with {@code exit-once-started}, the JVM's log of the classes the
   * start loaded, linked before the exit so that the class archive the build records holds them;
   * read by {@link Main}.
   */
  Optional<String> classLoadLog();

  /** Today's answers, kept serialized so that a question asked again is sent from memory. */
  // named explicitly: a failed check names a group by this, not by the method's camel case
  @WithName("kept-answers")
  KeptAnswers keptAnswers();

  interface KeptAnswers {
    /**
     * {@code exoreg.kept-answers.max-size}: the most memory kept answers may take, bodies and
     * bookkeeping counted; past it the least useful are dropped and decided again when asked.
     */
    @WithDefault("32M")
    @WithConverter(Bounds.PositiveSize.class)
    MemorySize maxSize();

    /**
     * {@code exoreg.kept-answers.max-spellings-size}: the most memory the exact query strings that
     * asked for kept answers may take; a query spelled as before is answered without being parsed.
     */
    @WithDefault("4M")
    @WithConverter(Bounds.PositiveSize.class)
    MemorySize maxSpellingsSize();
  }

  /**
   * {@code exoreg.auth.max-failures}: failed authentications one client address may make within
   * {@code exoreg.auth.failure-window} before its writes get 429 until the window has passed.
   */
  Auth auth();

  interface Auth {
    @WithDefault("10")
    @WithConverter(Bounds.AtLeastOne.class)
    int maxFailures();

    @WithDefault("60s")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration failureWindow();
  }

  /** How instances on one database keep their snapshots in step. */
  Sync sync();

  interface Sync {
    /**
     * {@code exoreg.sync.check-every}: how often the committed revision is read, beside the
     * notifications every commit sends, in case some were lost.
     */
    @WithDefault("5s")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration checkEvery();
  }

  /** How the table's history is kept. */
  Store store();

  interface Store {
    /**
     * {@code exoreg.store.checkpoint-every}: every this many revisions, and at every import, a
     * revision keeps a copy of the whole table; a past revision is rebuilt from the copy before it
     * and the changes after that.
     */
    @WithDefault("1000")
    int checkpointEvery();
  }

  /** Signed decision receipts ({@code receipt=true} on {@code /status} and {@code /checks}). */
  Receipts receipts();

  interface Receipts {
    /** {@code exoreg.receipts.issuer}: the {@code iss} of every receipt. */
    @WithDefault("exoreg")
    String issuer();

    /**
     * {@code exoreg.receipts.signing-key-file}: a PEM file with the P-256 private key (PKCS#8,
     * {@code BEGIN PRIVATE KEY}) and its public key ({@code BEGIN PUBLIC KEY}) to sign with; when
     * unset, a key is generated on the first start and kept in the database for every instance.
     */
    Optional<Path> signingKeyFile();
  }

  /** Limits of {@code POST /api/v1/checks}, checked before any decision is made. */
  Checks checks();

  interface Checks {
    /** {@code exoreg.checks.max-products}: products per request. */
    @WithDefault("10000")
    @WithConverter(Bounds.AtLeastOne.class)
    int maxProducts();

    /**
     * {@code exoreg.checks.max-combinations}: product x market x (ingredient, source) x delivery
     * method combinations per request.
     */
    @WithDefault("1000000")
    @WithConverter(Bounds.AtLeastOne.class)
    int maxCombinations();
  }

  /** Catalogues kept under a key ({@code /api/v1/watches}). */
  Watches watches();

  interface Watches {
    /** {@code exoreg.watches.max-per-key}: the most watches one key may keep. */
    @WithDefault("100")
    @WithConverter(Bounds.AtLeastOne.class)
    int maxPerKey();
  }

  /** How watches' events are delivered to their webhooks. */
  Webhooks webhooks();

  interface Webhooks {
    /**
     * {@code exoreg.webhooks.allow-private-addresses}: whether a webhook may be plain {@code http}
     * and may resolve to a loopback, private, link-local or metadata address; for tests and
     * on-premise receivers only.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** {@code exoreg.webhooks.retry-for}: how long an event is retried before it is given up. */
    @WithDefault("24h")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration retryFor();

    /**
     * {@code exoreg.webhooks.first-retry-after}: the wait after a first failed attempt; each
     * further wait is twice the one before, up to {@code exoreg.webhooks.max-retry-interval}.
     */
    @WithDefault("5s")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration firstRetryAfter();

    /** {@code exoreg.webhooks.max-retry-interval}: the longest wait between two attempts. */
    @WithDefault("1h")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration maxRetryInterval();

    /** {@code exoreg.webhooks.timeout}: how long an attempt may take, connection included. */
    @WithDefault("10s")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration timeout();

    /**
     * {@code exoreg.webhooks.senders}: deliveries this instance makes at once, each holding a
     * database connection while it waits for its receiver.
     */
    @WithDefault("2")
    @WithConverter(Bounds.AtLeastOne.class)
    int senders();

    /**
     * {@code exoreg.webhooks.poll-every}: how often the outbox is read for events written by other
     * instances or due again; this instance's own events leave at once.
     */
    @WithDefault("1s")
    @WithConverter(Bounds.PositiveDuration.class)
    Duration pollEvery();
  }

  /**
   * {@code exoreg.api-keys."<name>".sha256}, {@code .scopes} and {@code .admin}: keys a deployment
   * supplies as the hex SHA-256 of their secret, beside those made over the API.
   */
  @WithName("api-keys")
  Map<String, ConfiguredKey> apiKeys();

  interface ConfiguredKey {
    /** The hex SHA-256 of the key's secret: 64 hex digits, as {@code sha256sum} prints it. */
    @WithConverter(Bounds.Sha256.class)
    String sha256();

    /**
     * {@code exoreg.api-keys."<name>".scopes}: what the key may do, a comma-separated list of
     * {@code law} (edit the law table), {@code admin} (manage keys, and everything), {@code watch}
     * (keep watches only) and {@code policy:ID} (write that policy); by default {@code admin} for
     * an admin key, else {@code law}.
     */
    Optional<List<@WithConverter(Bounds.Scope.class) String>> scopes();

    /** Whether the key may manage other keys: the scope {@code admin}, when no scopes are set. */
    @WithDefault("false")
    boolean admin();
  }
}
