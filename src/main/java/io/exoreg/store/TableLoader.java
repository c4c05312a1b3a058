package io.exoreg.store;

import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.runtime.ExoregConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the database's schema up to date, fills an empty database with the bundled default table,
 * then loads the snapshot that reads are answered from.
 */
@ApplicationScoped
public class TableLoader {
  private static final Logger LOG = Logger.getLogger(TableLoader.class);
  static final String DEFAULT_ACTOR = "exoreg";

  private final RulesetStore store;
  private final CurrentTable current;
  private final ApiKeyStore keys;
  private final ExoregConfig config;
  private final Flyway flyway;
  private final EntityManagerFactory entities;
  private final DatabaseState database;
  private final Event<DatabaseReady> ready;

  public TableLoader(
      RulesetStore store,
      CurrentTable current,
      ApiKeyStore keys,
      ExoregConfig config,
      Flyway flyway,
      EntityManagerFactory entities,
      DatabaseState database,
      Event<DatabaseReady> ready) {
    this.store = store;
    this.current = current;
    this.keys = keys;
    this.config = config;
    this.flyway = flyway;
    this.entities = entities;
    this.database = database;
    this.ready = ready;
  }

  /**
   * Everything a start needs from the database, run once it answers: migrations (Flyway first
   * validates those already applied against this version's), a check that the migrated schema is
   * the one the entities map, the first import, the first key and the snapshot.
   */
  public synchronized void bootstrap() {
    if (current.get().isPresent()) {
      return;
    }
    flyway.migrate();
    // the database answers: the snapshot the first import or the load installs is current
    database.reached();
    try {
      entities.getSchemaManager().validate();
    } catch (SchemaValidationException e) {
      throw new IllegalStateException(
          "The database schema is not the one this version maps: " + e.getMessage(), e);
    }
    // the first key before the snapshot: a snapshot installed ends the bootstrap for good, and once
    // it is, the bootstrap asks nothing more of the database
    createFirstAdminKey();
    // the rest that needs the database (the signing keys) is read on another thread while this one
    // loads the table; failing once the table is in, it is mended by its own periodic read
    CompletableFuture<DatabaseReady> others =
        ready.fireAsync(new DatabaseReady()).toCompletableFuture();
    if (!importDefaultIfEmpty()) {
      reload(); // the first import installs the table it commits
    }
    try {
      others.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * With no key anywhere, neither configured nor stored, makes an {@code admin} key and prints its
   * secret this once: it is stored only as a hash and can never be shown again.
   */
  public void createFirstAdminKey() {
    if (!config.apiKeys().isEmpty()) {
      return;
    }
    keys.createFirstAdmin("admin")
        .ifPresent(
            key ->
                LOG.warnf(
                    "Created the first API key, 'admin'. Its secret is shown only now; keep it"
                        + " somewhere safe:%n%n    %s%n",
                    key.secret()));
  }

  /** Imports the bundled default table when the database holds none; returns whether it did. */
  public boolean importDefaultIfEmpty() {
    boolean imported =
        store.importIfEmpty(
            this::defaultBundle,
            DEFAULT_ACTOR,
            "import of the default table " + config.defaultRuleset());
    if (imported) {
      LOG.infof("Imported the default rule table %s as revision 1", config.defaultRuleset());
    }
    return imported;
  }

  /** Loads the committed table and installs it as the current snapshot. */
  public void reload() {
    RuleTable table = store.load();
    // the table was just read from the database: whatever the listener last found, it answers
    database.reached();
    LOG.infof(
        "Rule table at revision %d: %d jurisdictions, %d rules",
        table.revision(), table.jurisdictions().size(), table.rules().size());
  }

  private Bundle defaultBundle() {
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream(config.defaultRuleset())) {
      if (in == null) {
        throw new IllegalStateException(
            "No resource " + config.defaultRuleset() + " on the classpath");
      }
      return Rulesets.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
