package io.exoreg.store;

import io.exoreg.runtime.ExoregConfig;
import io.exoreg.runtime.Main;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this instance's snapshot in step with commits made by any instance on the same database:
 * every commit notifies {@value #CHANNEL}, which this listener hears on a connection of its own; a
 * periodic look at the committed revision covers notifications lost while disconnected. The same
 * connection tells whether the database is reachable: when it drops, reads go on from the snapshot
 * held, and the listener reconnects with backoff, loading the table when it has none yet and
 * catching up on what was committed meanwhile.
 */
@ApplicationScoped
public class RevisionListener {
  static final String CHANNEL = "exoreg_revision";
  private static final Logger LOG = Logger.getLogger(RevisionListener.class);
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long LAST_BACKOFF_MILLIS = 2_000;

  private final TableLoader loader;
  private final RulesetStore store;
  private final CurrentTable current;
  private final DatabaseState database;
  private final String url;
  private final Optional<String> user;
  private final Optional<String> password;
  private final Duration checkEvery;
  private volatile boolean running = true;
  private Thread thread;

  public RevisionListener(
      TableLoader loader,
      RulesetStore store,
      CurrentTable current,
      DatabaseState database,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
      ExoregConfig config) {
    this.loader = loader;
    this.store = store;
    this.current = current;
    this.database = database;
    this.url = url;
    this.user = user;
    this.password = password;
    this.checkEvery = config.sync().checkEvery();
  }

  /**
   * Loads the table before the application is announced as started when the database answers;
   * otherwise starts unready and keeps trying in the background.
   */
  void onStart(@Observes StartupEvent event) {
    Main.awaitEmbedded(); // a server that could not start does not come by retrying
    try {
      loader.bootstrap();
    } catch (RuntimeException e) {
      if (!Databases.isUnreachable(e)) {
        throw e;
      }
      database.lost();
      LOG.warnf(
          "The database is unreachable (%s); not ready until the rule table can be loaded,"
              + " retrying",
          Databases.reason(e));
    }
    thread = new Thread(this::run, "exoreg-revision-listener");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void run() {
    long backoff = FIRST_BACKOFF_MILLIS;
    while (running) {
      try (Connection connection = connect()) {
        if (current.get().isEmpty() && !bootstrap()) {
          return;
        }
        try (Statement listen = connection.createStatement()) {
          listen.execute("LISTEN " + CHANNEL);
        }
        boolean wasLost = !database.reachable();
        catchUp(); // whatever was committed while this connection was down
        if (wasLost) {
          LOG.infof(
              "The database is reachable again; the rule table is at revision %d",
              current.get().map(t -> t.revision()).orElse(0L));
        }
        backoff = FIRST_BACKOFF_MILLIS;
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + checkEvery.toNanos();
        while (running) {
          PGNotification[] notifications = pg.getNotifications(250);
          if (notifications != null && notifications.length > 0) {
            catchUp();
          } else if (System.nanoTime() >= nextCheck) {
            catchUp();
            nextCheck = System.nanoTime() + checkEvery.toNanos();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        if (database.lost()) {
          LOG.warnf(
              "The database is unreachable (%s); reads are answered from revision %d meanwhile",
              Databases.reason(e), current.get().map(t -> t.revision()).orElse(0L));
        } else {
          LOG.debugf("Still no database (%s); retrying in %d ms", Databases.reason(e), backoff);
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, LAST_BACKOFF_MILLIS);
      }
    }
  }

  /**
   * Loads the table once the database has come; returns false, having asked the application to
   * exit, when that fails for a reason other than the database being away (migrations applied by
   * another version that Flyway refuses, or a schema changed by hand), which no retry would mend.
   */
  private boolean bootstrap() {
    try {
      loader.bootstrap();
      return true;
    } catch (RuntimeException e) {
      if (Databases.isUnreachable(e)) {
        throw e;
      }
      LOG.error("The rule table cannot be loaded; exoreg stops", e);
      Quarkus.asyncExit(1);
      return false;
    }
  }

  /** A connection of the listener's own, which notices a dead peer rather than wait forever. */
  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    user.ifPresent(u -> properties.setProperty("user", u));
    properties.setProperty("password", password.orElse(""));
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("socketTimeout", "30");
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("ApplicationName", "exoreg revision listener");
    return DriverManager.getConnection(url, properties);
  }

  /**
   * Brings the snapshot up to the committed revision when it is behind, then records that the
   * database answered and the snapshot is current.
   */
  private void catchUp() {
    store
        .catchUp()
        .ifPresent(
            caughtUp -> {
              if (caughtUp.readWhole()) {
                LOG.infof(
                    "Rule table read whole at revision %d (the snapshot was at %d)",
                    caughtUp.to(), caughtUp.from());
              } else {
                LOG.infof(
                    "Snapshot brought from revision %d to %d by applying %d change(s)",
                    caughtUp.from(), caughtUp.to(), caughtUp.changesApplied());
              }
            });
    database.reached();
  }
}
