package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches, their events and the webhooks' outbox in PostgreSQL. Events are written only by holders
 * of the table writers' lock (in the transaction of a revision, or of a day's scheduled changes),
 * so their ids increase in the order they commit; a delivery locks its event's row with {@code FOR
 * UPDATE SKIP LOCKED}, so each event is sent by one instance at a time, and an event waits for the
 * watch's earlier ones.
 */
@ApplicationScoped
public class WatchStore {
  /** Delivery states of an event. */
  public static final String PENDING = "pending";

  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";
  public static final String NO_WEBHOOK = "none";

  private final Clock clock;

  public WatchStore(Clock clock) {
    this.clock = clock;
  }

  /** A watch as stored, its secrets aside. */
  public record StoredWatch(
      String id,
      String owner,
      String name,
      String catalogue,
      String policy,
      String failOn,
      String warnOn,
      String webhookUrl,
      OffsetDateTime createdAt) {
    static StoredWatch of(WatchRow row) {
      return new StoredWatch(
          row.id,
          row.owner,
          row.name,
          row.catalogue,
          row.policy,
          row.failOn,
          row.warnOn,
          row.webhookUrl,
          row.createdAt);
    }
  }

  /** Stores a watch; {@code secret} signs its webhook (null without one). */
  @Transactional
  public StoredWatch create(StoredWatch watch, String secret) {
    WatchRow row = new WatchRow();
    row.id = watch.id();
    row.owner = watch.owner();
    row.name = watch.name();
    row.catalogue = watch.catalogue();
    row.policy = watch.policy();
    row.failOn = watch.failOn();
    row.warnOn = watch.warnOn();
    row.webhookUrl = watch.webhookUrl();
    row.secret = secret;
    row.createdAt = OffsetDateTime.now(clock);
    row.persist();
    return StoredWatch.of(row);
  }

  /** How many watches a key keeps. */
  @Transactional
  public long count(String owner) {
    return WatchRow.count("owner", owner);
  }

  /** The watches a key keeps, oldest first. */
  @Transactional
  public List<StoredWatch> list(String owner) {
    return WatchRow.<WatchRow>list("owner", Sort.by("createdAt").and("id"), owner).stream()
        .map(StoredWatch::of)
        .toList();
  }

  /** Every watch, for the writer of a revision deciding whose results it changes. */
  @Transactional
  public List<StoredWatch> all() {
    return WatchRow.<WatchRow>listAll(Sort.by("id")).stream().map(StoredWatch::of).toList();
  }

  /** The watch of that id, if that key keeps it. */
  @Transactional
  public Optional<StoredWatch> find(String owner, String id) {
    return owned(owner, id).map(StoredWatch::of);
  }

  /** Deletes a watch with its events and delivery attempts; false when the key keeps none such. */
  @Transactional
  public boolean delete(String owner, String id) {
    return Databases.storable(id) && WatchRow.delete("owner = ?1 and id = ?2", owner, id) > 0;
  }

  /**
   * Gives the watch's webhook a new secret; the previous one goes on signing beside it until {@code
   * previousUntil}. Empty when the key keeps no such watch.
   */
  @Transactional
  public Optional<StoredWatch> rotateSecret(
      String owner, String id, String secret, OffsetDateTime previousUntil) {
    return owned(owner, id)
        .map(
            row -> {
              row.previousSecret = row.secret;
              row.previousSecretUntil = previousUntil;
              row.secret = secret;
              return StoredWatch.of(row);
            });
  }

  private static Optional<WatchRow> owned(String owner, String id) {
    if (!Databases.storable(id)) {
      return Optional.empty(); // no watch could ever have had that id
    }
    return WatchRow.<WatchRow>findByIdOptional(id).filter(row -> row.owner.equals(owner));
  }

  /** An event to write: its body is made once its id is known. */
  public record EventDraft(
      String watchId,
      boolean webhook,
      long revision,
      String cause,
      LocalDate on,
      Function<Long, String> body) {}

  /**
   * Writes events in the transaction of the caller, which holds the table writers' lock: ids are
   * drawn in one round trip, in the order given.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(List<EventDraft> drafts) {
    if (drafts.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked")
    List<Number> ids =
        Panache.getEntityManager()
            .createNativeQuery(
                "select nextval('watch_event_id') from generate_series(1, ?1) order by 1")
            .setParameter(1, drafts.size())
            .getResultList();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int i = 0; i < drafts.size(); i++) {
      EventDraft draft = drafts.get(i);
      WatchEventRow row = new WatchEventRow();
      row.id = ids.get(i).longValue();
      row.watchId = draft.watchId();
      row.revision = draft.revision();
      row.cause = draft.cause();
      row.effectiveOn = draft.on();
      row.createdAt = now;
      row.body = draft.body().apply(row.id);
      row.state = draft.webhook() ? PENDING : NO_WEBHOOK;
      row.nextAttemptAt = draft.webhook() ? now : null;
      row.persist();
    }
  }

  /** An event as the feed lists it: its JSON, and how its delivery stands. */
  public record StoredEvent(long id, String body, String state, int attempts) {}

  /** A watch's events after {@code since}, oldest first. */
  @Transactional
  public List<StoredEvent> events(String watchId, long since, int limit) {
    return WatchEventRow.<WatchEventRow>find(
            "watchId = ?1 and id > ?2", Sort.by("id"), watchId, since)
        .page(0, limit)
        .list()
        .stream()
        .map(e -> new StoredEvent(e.id, e.body, e.state, e.attempts))
        .toList();
  }

  /** One attempt to deliver an event, as recorded. */
  public record Attempt(
      long event,
      int attempt,
      OffsetDateTime at,
      Integer statusCode,
      int durationMs,
      String error) {}

  /** A watch's delivery attempts, newest first. */
  @Transactional
  public List<Attempt> attempts(String watchId, int limit) {
    return WebhookAttemptRow.<WebhookAttemptRow>find("watchId", Sort.by("id").descending(), watchId)
        .page(0, limit)
        .list()
        .stream()
        .map(
            a ->
                new Attempt(
                    a.eventId, a.attempt, a.attemptedAt, a.statusCode, a.durationMs, a.error))
        .toList();
  }

  /** An event due for delivery, with what signs it. */
  public record Due(
      long id,
      String watchId,
      String url,
      String secret,
      String previousSecret,
      int attempts,
      OffsetDateTime createdAt,
      String body) {}

  /**
   * What became of an attempt: its record, and the event's next state ({@link #PENDING} again with
   * the time of the next attempt, {@link #DELIVERED} or {@link #FAILED}).
   */
  public record Outcome(
      Integer statusCode, int durationMs, String error, String state, OffsetDateTime retryAt) {}

  /**
   * Sends the oldest event that is due and whose watch has no earlier one waiting, holding its
   * row's lock meanwhile: another instance skips it, and a crash before the commit leaves it due.
   * Returns whether there was one.
   */
  @Transactional
  public boolean deliverNext(Function<Due, Outcome> send) {
    @SuppressWarnings("unchecked")
    List<WatchEventRow> found =
        Panache.getEntityManager()
            .createNativeQuery(
                "select e.* from watch_event e where e.state = 'pending' and e.next_attempt_at <="
                    + " ?1 and not exists (select 1 from watch_event p where p.watch_id ="
                    + " e.watch_id and p.state = 'pending' and p.id < e.id) order by"
                    + " e.next_attempt_at, e.id limit 1 for update of e skip locked",
                WatchEventRow.class)
            .setParameter(1, OffsetDateTime.now(clock))
            .getResultList();
    if (found.isEmpty()) {
      return false;
    }
    WatchEventRow event = found.get(0);
    WatchRow watch = WatchRow.findById(event.watchId);
    OffsetDateTime now = OffsetDateTime.now(clock);
    String previous =
        watch.previousSecretUntil != null && watch.previousSecretUntil.isAfter(now)
            ? watch.previousSecret
            : null;
    Outcome outcome =
        send.apply(
            new Due(
                event.id,
                event.watchId,
                watch.webhookUrl,
                watch.secret,
                previous,
                event.attempts,
                event.createdAt,
                event.body));
    WebhookAttemptRow attempt = new WebhookAttemptRow();
    attempt.watchId = event.watchId;
    attempt.eventId = event.id;
    attempt.attempt = event.attempts + 1;
    attempt.attemptedAt = now;
    attempt.statusCode = outcome.statusCode();
    attempt.durationMs = outcome.durationMs();
    attempt.error = outcome.error();
    attempt.persist();
    event.attempts++;
    event.state = outcome.state();
    event.nextAttemptAt = outcome.retryAt();
    return true;
  }

  /** How many events wait for delivery, and when the oldest of them was written. */
  public record Backlog(long pending, OffsetDateTime oldest) {}

  @Transactional
  public Backlog backlog() {
    Object[] row =
        (Object[])
            Panache.getEntityManager()
                .createQuery(
                    "select count(e), min(e.createdAt) from WatchEventRow e where e.state ="
                        + " 'pending'")
                .getSingleResult();
    return new Backlog(((Number) row[0]).longValue(), (OffsetDateTime) row[1]);
  }

  /**
   * Turns the days up to {@code today} into events, once across every instance: under the table
   * writers' lock, and only while the committed revision is {@code revision} (the table the caller
   * decides on). {@code work} gets the last day already done (today, the first time ever, when
   * there is nothing to catch up on); it is not called when today is done. Returns whether today is
   * done.
   */
  @Transactional
  public boolean turnDay(LocalDate today, long revision, Consumer<LocalDate> work) {
    RulesetRow head = RulesetRow.forWriting();
    if (head.revision != revision) {
      return false; // the caller's snapshot is behind: it tries again once it has caught up
    }
    LocalDate last =
        Panache.getEntityManager()
            .createQuery("select max(d.day) from WatchDayRow d", LocalDate.class)
            .getSingleResult();
    if (last != null && !last.isBefore(today)) {
      return true;
    }
    if (last != null) {
      work.accept(last);
    }
    WatchDayRow done = new WatchDayRow();
    done.day = today;
    done.doneAt = OffsetDateTime.now(clock);
    done.persist();
    return true;
  }
}
