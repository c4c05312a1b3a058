package io.exoreg.store;

import static io.exoreg.ruleset.Rulesets.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Change;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.ruleset.TableEdit;
import io.exoreg.runtime.ExoregConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.StatelessSession;

/**
 * The rule table in PostgreSQL. Every change runs in one transaction that first locks the ruleset
 * row, so changes commit one at a time and each moves the revision by exactly one. A revision keeps
 * its changes; now and then, and on every import, it also keeps the whole table as a checkpoint, so
 * that the table as it was at any revision is the checkpoint before it plus the changes after that.
 */
@ApplicationScoped
public class RulesetStore {

  /** Changes to catch up with beyond which reading the whole table is cheaper. */
  private static final int MAX_CHANGES_TO_APPLY = 10_000;

  /**
   * An import of more changes than this keeps only each entry's state before in its change rows:
   * the state after is the table's own, kept whole in the import's checkpoint, and writing a
   * hundred thousand entries' JSON once more would cost a third of the import. The feed and an
   * entry's history read that state from the entry's next change (its state before) or, with none,
   * from its row. No snapshot catches up by such an import's changes: they are more than {@link
   * #MAX_CHANGES_TO_APPLY}, and a table is rebuilt from the checkpoint of a revision, never from
   * the changes that made it.
   */
  private static final int STATE_AFTER_KEPT_UP_TO = MAX_CHANGES_TO_APPLY;

  private final CurrentTable current;
  private final StatelessSession rows;
  private final Event<CommittedTable> committed;
  private final Event<RevisionWritten> written;
  private final Clock clock;
  private final int checkpointEvery;

  /**
   * The revision a commit of this instance is making, until its transaction completes: the
   * committing thread installs that table itself, so the listener need not read it again.
   */
  private volatile long committing = -1;

  public RulesetStore(
      CurrentTable current,
      StatelessSession rows,
      Event<CommittedTable> committed,
      Event<RevisionWritten> written,
      Clock clock,
      ExoregConfig config) {
    this.current = current;
    this.rows = rows;
    this.committed = committed;
    this.written = written;
    this.clock = clock;
    this.checkpointEvery = config.store().checkpointEvery();
  }

  /** What a committed change did: the revision it made, the entries it touched, the new table. */
  public record Commit(long revision, List<Change> changes, RuleTable table) {
    public boolean applied() {
      return !changes.isEmpty();
    }
  }

  /** What a change would do to the table committed at {@code revision}. */
  public record Preview(long revision, List<Change> changes) {}

  /**
   * Imports the bundle as the whole table, unless the table already holds a revision. Returns
   * whether it imported. Safe when several instances start at once on an empty database.
   */
  @Transactional
  public boolean importIfEmpty(Supplier<Bundle> bundle, String actor, String description) {
    RulesetRow head = RulesetRow.forWriting();
    if (head.revision > 0) {
      return false;
    }
    RuleTable empty = Rulesets.validate(Rulesets.empty(), 0);
    return write(head, empty, TableEdit.replacing(empty, bundle.get()), actor, description)
        .applied();
  }

  /**
   * Makes one change to the table as one revision: {@code edit} gets the committed table (read
   * under the writers' lock) and returns the new one. A change that alters nothing commits nothing
   * and keeps the revision. Once committed, the new table is the snapshot reads are answered from.
   */
  @Transactional
  public Commit commit(String actor, String description, Function<RuleTable, TableEdit> edit) {
    RulesetRow head = RulesetRow.forWriting();
    RuleTable base = committedTable(head).table();
    return write(head, base, edit.apply(base), actor, description);
  }

  /** What {@link #commit} would change, validated, without writing anything. */
  @Transactional
  public Preview preview(Function<RuleTable, TableEdit> edit) {
    RulesetRow head = RulesetRow.forReading();
    return new Preview(head.revision, edit.apply(committedTable(head).table()).changes());
  }

  /**
   * How a snapshot was brought up to the committed revision: by the changes after it, or (with no
   * snapshot, or more changes than reading the table costs) by reading the whole table.
   */
  public record CatchUp(long from, long to, int changesApplied, boolean readWhole) {}

  /**
   * Installs the committed table as the snapshot when it is newer than the one installed; empty
   * when the snapshot is current.
   */
  @Transactional
  public Optional<CatchUp> catchUp() {
    RulesetRow head = RulesetRow.forReading();
    long known = current.get().map(RuleTable::revision).orElse(-1L);
    if (head.revision <= known || head.revision == committing) {
      return Optional.empty();
    }
    Committed table = committedTable(head);
    committed.fire(new CommittedTable(table.table(), false));
    boolean readWhole = table.applied() == null;
    return Optional.of(
        new CatchUp(known, head.revision, readWhole ? 0 : table.applied().size(), readWhole));
  }

  /** Reads the whole committed table and installs it as the snapshot. */
  @Transactional
  public RuleTable load() {
    RuleTable table = read(RulesetRow.forReading());
    committed.fire(new CommittedTable(table, false));
    return table;
  }

  /** The committed table as its rows hold it, whatever checkpoints there are. */
  @Transactional
  RuleTable readRows() {
    return rows(RulesetRow.forReading());
  }

  /** The revision committed last, read without loading the table. */
  @Transactional
  public long revision() {
    return RulesetRow.<RulesetRow>findById(RulesetRow.ID).revision;
  }

  /**
   * The whole table as it was at a revision, if that revision exists: its checkpoint, or the
   * nearest one before it (the empty table before the first) with the changes after it.
   */
  @Transactional
  public Optional<Bundle> bundleAt(long revision) {
    if (revision < 1 || RevisionRow.findById(revision) == null) {
      return Optional.empty();
    }
    return rebuilt(revision, Long.MAX_VALUE)
        .map(bundle -> Rulesets.toBundle(Rulesets.committedTable(bundle, revision)));
  }

  /**
   * The entries of the table at a revision that exists: the nearest checkpoint at or before it (the
   * empty table before the first) with the changes after it applied. Empty when a revision between
   * was made before revisions kept their changes, with no copy of its own, or when the changes
   * after that checkpoint are more than {@code mostChanges}.
   */
  private static Optional<Bundle> rebuilt(long revision, long mostChanges) {
    Long from =
        Panache.getEntityManager()
            .createQuery(
                "select max(revision) from RevisionRow where revision <= ?1 and checkpoint is not"
                    + " null",
                Long.class)
            .setParameter(1, revision)
            .getSingleResult();
    long start = from == null ? 0 : from;
    if (start < revision) {
      Object[] counts =
          Panache.getEntityManager()
              .createQuery(
                  "select count(distinct revision), count(*) from ChangeRow where revision > ?1"
                      + " and revision <= ?2",
                  Object[].class)
              .setParameter(1, start)
              .setParameter(2, revision)
              .getSingleResult();
      // a revision between made before revisions kept their changes, with no copy of its own
      boolean unrecorded = (Long) counts[0] != revision - start;
      if (unrecorded || (Long) counts[1] > mostChanges) {
        return Optional.empty();
      }
    }
    Bundle base =
        from == null
            ? Rulesets.empty()
            : bundle(RevisionRow.<RevisionRow>findById(from).checkpoint);
    return Optional.of(
        start == revision ? base : TableEdit.applying(base, changes(start, revision)));
  }

  /** A page of the change feed and how many changes it has in all, read as one. */
  public record ChangePage(long revision, long total, List<RecordedChange> changes) {}

  /** A page of the change feed: the changes after revision {@code since}, oldest first. */
  @Transactional
  public ChangePage changesSince(long since, int page, int size) {
    long revision = RulesetRow.forReading().revision;
    long total = ChangeRow.count("revision > ?1 and revision <= ?2", since, revision);
    List<ChangeRow> found =
        ChangeRow.<ChangeRow>find(
                "revision > ?1 and revision <= ?2", Sort.by("revision").and("id"), since, revision)
            .page(page, size)
            .list();
    return new ChangePage(revision, total, recorded(found));
  }

  /** Every change to one entry, oldest first. */
  @Transactional
  public List<RecordedChange> history(String entity, String id) {
    if (!Databases.storable(id)) {
      return List.of(); // no entry could ever have had that id
    }
    RulesetRow.forReading();
    return recorded(
        ChangeRow.<ChangeRow>list(
            "entity = ?1 and entityId = ?2", Sort.by("revision").and("id"), entity, id));
  }

  /** A change as the feed shows it, with when and by whom its revision was committed. */
  public record RecordedChange(
      long revision,
      OffsetDateTime time,
      String actor,
      @Schema(implementation = Change.Action.class) String action,
      @Schema(implementation = Change.Entity.class) String entity,
      String id,
      @Schema(implementation = Change.Entry.class, nullable = true) JsonNode before,
      @Schema(implementation = Change.Entry.class, nullable = true) JsonNode after) {}

  /** The changes as the feed shows them; the caller holds the reader's lock. */
  private List<RecordedChange> recorded(List<ChangeRow> found) {
    Map<Long, String> statesAfter = statesAfter(found);
    Map<Long, RevisionRow> revisions = new HashMap<>();
    Set<Long> wanted = new HashSet<>();
    found.forEach(c -> wanted.add(c.revision));
    if (!wanted.isEmpty()) {
      RevisionRow.<RevisionRow>list("revision in ?1", wanted)
          .forEach(r -> revisions.put(r.revision, r));
    }
    List<RecordedChange> list = new ArrayList<>();
    for (ChangeRow c : found) {
      RevisionRow revision = revisions.get(c.revision);
      list.add(
          new RecordedChange(
              c.revision,
              revision.committedAt,
              revision.actor,
              c.action,
              c.entity,
              c.entityId,
              tree(c.before),
              tree(c.after != null ? c.after : statesAfter.get(c.id))));
    }
    return list;
  }

  /**
   * The state after of those changes whose rows leave it to the table (see {@link
   * #STATE_AFTER_KEPT_UP_TO}), by change id: the state before of the entry's next change, or, with
   * none, the entry as its row holds it now. The caller holds the reader's lock, so no change
   * commits between the two reads.
   */
  private Map<Long, String> statesAfter(List<ChangeRow> found) {
    Map<String, List<ChangeRow>> left = new HashMap<>();
    for (ChangeRow c : found) {
      if (c.leavesStateAfterToCheckpoint()) {
        left.computeIfAbsent(c.entity, entity -> new ArrayList<>()).add(c);
      }
    }
    Map<Long, String> states = new HashMap<>();
    left.forEach(
        (entity, changes) -> {
          Set<String> ids = new HashSet<>();
          changes.forEach(c -> ids.add(c.entityId));
          long first = changes.stream().mapToLong(c -> c.revision).min().orElseThrow();
          Map<String, List<ChangeRow>> later = new HashMap<>();
          for (ChangeRow next :
              ChangeRow.<ChangeRow>list(
                  "entity = ?1 and entityId in ?2 and revision > ?3",
                  Sort.by("revision").and("id"),
                  entity,
                  ids,
                  first)) {
            later.computeIfAbsent(next.entityId, id -> new ArrayList<>()).add(next);
          }
          Map<String, Object> now = EntryRows.current(rows, entity, ids);
          for (ChangeRow c : changes) {
            states.put(
                c.id,
                later.getOrDefault(c.entityId, List.of()).stream()
                    .filter(next -> next.revision > c.revision)
                    .findFirst()
                    .map(next -> next.before)
                    .orElseGet(() -> text(now.get(c.entityId))));
          }
        });
    return states;
  }

  /** The committed table, and the changes applied to the snapshot to make it (null: read whole). */
  private record Committed(RuleTable table, List<Change> applied) {}

  /**
   * The committed table at the revision of {@code head}, which the caller has locked: the snapshot
   * when it is that revision, else the snapshot with the changes after it, else the whole table
   * read.
   */
  private Committed committedTable(RulesetRow head) {
    RuleTable snapshot = current.get().orElse(null);
    if (snapshot != null && snapshot.revision() == head.revision) {
      return new Committed(snapshot, List.of());
    }
    List<Change> changes = changesAfter(snapshot, head.revision);
    return new Committed(
        changes == null ? read(head) : TableEdit.applying(snapshot, changes, head.revision),
        changes);
  }

  /**
   * The changes that bring the snapshot to {@code revision}, or null when the whole table is
   * cheaper to read (no snapshot, a snapshot ahead of the database, too many changes).
   */
  private static List<Change> changesAfter(RuleTable snapshot, long revision) {
    if (snapshot == null
        || snapshot.revision() > revision
        || ChangeRow.count("revision > ?1 and revision <= ?2", snapshot.revision(), revision)
            > MAX_CHANGES_TO_APPLY) {
      return null;
    }
    return changes(snapshot.revision(), revision);
  }

  /** The changes after revision {@code after} up to {@code upTo}, in the order they were made. */
  private static List<Change> changes(long after, long upTo) {
    List<Change> changes = new ArrayList<>();
    for (ChangeRow row :
        ChangeRow.<ChangeRow>list(
            "revision > ?1 and revision <= ?2", Sort.by("revision").and("id"), after, upTo)) {
      Class<?> type = Change.entryType(row.entity);
      if (row.leavesStateAfterToCheckpoint()) {
        throw new IllegalStateException(
            "Revision " + row.revision + " keeps its entries' state after in its checkpoint only");
      }
      changes.add(
          new Change(
              row.entity,
              row.entityId,
              Change.Action.valueOf(row.action),
              entry(row.before, type),
              entry(row.after, type)));
    }
    return changes;
  }

  /**
   * The committed table at the revision of {@code head}, which the caller has locked: from the
   * nearest checkpoint and the changes after it when those are few, for a checkpoint is read
   * several times faster than every row; else from the rows.
   */
  private RuleTable read(RulesetRow head) {
    if (head.revision > 0) {
      Optional<Bundle> rebuilt = rebuilt(head.revision, MAX_CHANGES_TO_APPLY);
      if (rebuilt.isPresent()) {
        return Rulesets.committedTable(rebuilt.get(), head.revision);
      }
    }
    return rows(head);
  }

  /** The committed table at the revision of {@code head} as its rows hold it. */
  private RuleTable rows(RulesetRow head) {
    Map<String, String> statuses = head.statuses == null ? Map.of() : head.statuses;
    Bundle bundle =
        new Bundle(
            Bundle.FORMAT,
            head.title,
            head.publishedOn,
            head.disclaimer,
            statuses,
            EntryRows.read(rows, Change.INGREDIENT),
            EntryRows.read(rows, Change.JURISDICTION),
            EntryRows.read(rows, Change.SOURCE),
            EntryRows.read(rows, Change.DELIVERY_METHOD),
            EntryRows.read(rows, Change.REFERENCE),
            EntryRows.read(rows, Change.RULE),
            EntryRows.read(rows, Change.POLICY));
    return Rulesets.committedTable(bundle, head.revision);
  }

  private Commit write(
      RulesetRow head, RuleTable base, TableEdit edit, String actor, String description) {
    if (edit.changes().isEmpty()) {
      return new Commit(head.revision, List.of(), base);
    }
    RuleTable table = edit.table();
    Bundle whole = edit.whole();
    // the order of a table given whole is in no change, so an import keeps a copy of it, made while
    // the database takes the rows
    CompletableFuture<byte[]> checkpoint =
        whole == null ? null : CompletableFuture.supplyAsync(() -> compressed(whole));
    if (whole != null) {
      EntryRows.replace(rows, whole, edit.changes());
    } else {
      EntryRows.apply(Panache.getEntityManager(), edit.changes());
    }
    head.revision = table.revision();
    head.title = table.metadata().title();
    head.publishedOn = table.metadata().publishedOn();
    head.disclaimer = table.metadata().disclaimer();
    Map<String, String> statuses = new LinkedHashMap<>();
    for (Map.Entry<Status, String> status : table.metadata().statuses().entrySet()) {
      statuses.put(status.getKey().name(), status.getValue());
    }
    head.statuses = statuses;

    RevisionRow revision = new RevisionRow();
    revision.revision = table.revision();
    revision.committedAt = OffsetDateTime.now(clock);
    revision.actor = actor;
    revision.description = description;
    revision.checkpoint = whole != null ? checkpoint.join() : null;
    if (whole != null) {
      rows.insert(revision); // before its changes, which the stateless session writes at once
    } else {
      revision.persist();
    }
    if (whole != null) {
      boolean stateAfterKept = edit.changes().size() <= STATE_AFTER_KEPT_UP_TO;
      BulkCopy.insert(
          rows,
          ChangeRow.class,
          edit.changes(),
          change -> changeRow(table.revision(), change, stateAfterKept));
    } else {
      edit.changes().forEach(change -> changeRow(table.revision(), change, true).persist());
    }
    // what commits with the revision or not at all: the events of the watches it concerns
    written.fire(new RevisionWritten(base, table, edit.changes()));
    // Delivered at commit, to every instance listening on this database.
    Panache.getEntityManager()
        .createNativeQuery("select pg_notify(?1, ?2)")
        .setParameter(1, RevisionListener.CHANNEL)
        .setParameter(2, Long.toString(table.revision()))
        .getSingleResult();
    committing = table.revision();
    boolean checkpointDue = whole == null && table.revision() % checkpointEvery == 0;
    committed.fire(new CommittedTable(table, checkpointDue));
    return new Commit(table.revision(), edit.changes(), table);
  }

  private static ChangeRow changeRow(long revision, Change change, boolean stateAfterKept) {
    ChangeRow row = new ChangeRow();
    row.revision = revision;
    row.action = change.action().name();
    row.entity = change.entity();
    row.entityId = change.id();
    row.before = text(change.before());
    row.after = stateAfterKept || !EntryRows.stored(change.entity()) ? text(change.after()) : null;
    return row;
  }

  void completed(@Observes(during = TransactionPhase.AFTER_COMPLETION) CommittedTable table) {
    committing = -1;
  }

  /** Keeps the whole table at its revision, unless that revision keeps one already. */
  @Transactional
  void checkpoint(RuleTable table) {
    RevisionRow.update(
        "checkpoint = ?1 where revision = ?2 and checkpoint is null",
        compressed(Rulesets.toBundle(table)),
        table.revision());
  }

  /**
   * A checkpoint: the bundle's JSON compressed with Zstandard at its fastest level, for a
   * checkpoint is written inside an import and read back rarely. It takes a tenth of the time
   * gzip's fastest level takes on a table of a hundred thousand rules, and a fifth of the room.
   */
  private static byte[] compressed(Bundle bundle) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new ZstdOutputStream(bytes, 1)) {
      JSON.writeValue(out, bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bundle a checkpoint keeps: Zstandard, or gzip as earlier versions wrote them. */
  private static Bundle bundle(byte[] checkpoint) {
    InputStream bytes = new ByteArrayInputStream(checkpoint);
    boolean gzip =
        checkpoint.length > 1
            && (checkpoint[0] & 0xff) == (GZIPInputStream.GZIP_MAGIC & 0xff)
            && (checkpoint[1] & 0xff) == GZIPInputStream.GZIP_MAGIC >>> 8;
    try (InputStream in = gzip ? new GZIPInputStream(bytes) : new ZstdInputStream(bytes)) {
      return Rulesets.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Object entry) {
    try {
      return entry == null ? null : JSON.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object entry(String text, Class<?> type) {
    try {
      return text == null ? null : JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A recorded change is not an entry of its kind", e);
    }
  }

  private static JsonNode tree(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
