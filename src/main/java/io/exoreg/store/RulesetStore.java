package io.exoreg.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.Node;
import io.exoreg.decision.Reference;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleDiff;
import io.exoreg.ruleset.Change;
import io.exoreg.ruleset.Rulesets;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The rule table in PostgreSQL. Every change runs in one transaction that first locks the ruleset
 * row, so changes commit one at a time and each moves the revision by exactly one.
 */
@ApplicationScoped
public class RulesetStore {
  private static final Sort BY_POSITION = Sort.by("position");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EntityManager entityManager;
  private final Clock clock;

  public RulesetStore(EntityManager entityManager, Clock clock) {
    this.entityManager = entityManager;
    this.clock = clock;
  }

  /** What a committed change did: the revision it made, the entries it touched, the new table. */
  public record Commit(long revision, List<Change> changes, RuleTable table) {
    public boolean applied() {
      return !changes.isEmpty();
    }
  }

  /**
   * Imports the bundle as the whole table, unless the table already holds a revision. Returns
   * whether it imported. Safe when several instances start at once on an empty database.
   */
  @Transactional
  public boolean importIfEmpty(Supplier<Bundle> bundle, String actor, String description) {
    RulesetRow row = lockRuleset();
    if (row.revision > 0) {
      return false;
    }
    RuleTable empty = Rulesets.toTable(Rulesets.empty(), 0);
    return apply(row, empty, bundle.get(), actor, description).applied();
  }

  /**
   * Makes one change to the table as one revision: {@code edit} gets the committed table (read
   * under the writers' lock) and returns the whole new table, which must pass every validation
   * rule. A change that alters nothing commits nothing and keeps the revision.
   */
  @Transactional
  public Commit commit(String actor, String description, Function<RuleTable, Bundle> edit) {
    RulesetRow row = lockRuleset();
    RuleTable current = read(row);
    return apply(row, current, edit.apply(current), actor, description);
  }

  /** What {@link #commit} would change, validated, without writing anything. */
  @Transactional
  public List<Change> preview(Function<RuleTable, Bundle> edit) {
    RuleTable current = load();
    Bundle next = edit.apply(current);
    RuleTable table = Rulesets.toTable(next, current.revision() + 1);
    return BundleDiff.between(Rulesets.toBundle(current), Rulesets.toBundle(table));
  }

  /** The whole table as it was at a revision, if that revision exists. */
  @Transactional
  public Optional<Bundle> bundleAt(long revision) {
    RevisionRow row = RevisionRow.findById(revision);
    if (row == null || row.snapshot == null) {
      return Optional.empty();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(row.snapshot))) {
      return Optional.of(Rulesets.parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page of the change feed: the changes after revision {@code since}, oldest first. */
  @Transactional
  public List<RecordedChange> changesSince(long since, int page, int size) {
    return ChangeRow.<ChangeRow>find("revision > ?1", Sort.by("id"), since)
        .page(page, size)
        .list()
        .stream()
        .map(this::recorded)
        .toList();
  }

  @Transactional
  public long countChangesSince(long since) {
    return ChangeRow.count("revision > ?1", since);
  }

  /** Every change to one entry, oldest first. */
  @Transactional
  public List<RecordedChange> history(String entity, String id) {
    if (!Databases.storable(id)) {
      return List.of(); // no entry could ever have had that id
    }
    return ChangeRow.<ChangeRow>find("entity = ?1 and entityId = ?2", Sort.by("id"), entity, id)
        .list()
        .stream()
        .map(this::recorded)
        .toList();
  }

  /** A change as the feed shows it, with when and by whom its revision was committed. */
  public record RecordedChange(
      long revision,
      OffsetDateTime time,
      String actor,
      String action,
      String entity,
      String id,
      JsonNode before,
      JsonNode after) {}

  private RecordedChange recorded(ChangeRow c) {
    RevisionRow revision = RevisionRow.findById(c.revision);
    return new RecordedChange(
        c.revision,
        revision.committedAt,
        revision.actor,
        c.action,
        c.entity,
        c.entityId,
        json(c.before),
        json(c.after));
  }

  /** Reads the table as one consistent snapshot: writers hold the ruleset row until they commit. */
  @Transactional
  public RuleTable load() {
    return read(RulesetRow.findById(RulesetRow.ID, LockModeType.PESSIMISTIC_READ));
  }

  private RuleTable read(RulesetRow row) {
    Bundle bundle =
        new Bundle(
            Bundle.FORMAT,
            row.title,
            row.publishedOn,
            row.disclaimer,
            row.statuses,
            IngredientRow.<IngredientRow>listAll(BY_POSITION).stream()
                .map(r -> new IngredientEntry(r.id, r.label, r.aliases))
                .toList(),
            JurisdictionRow.<JurisdictionRow>listAll(BY_POSITION).stream()
                .map(
                    r ->
                        new JurisdictionEntry(
                            r.code, r.name, r.parent, r.regulator, r.notes, r.aliases))
                .toList(),
            nodes(SourceRow.listAll(BY_POSITION)),
            nodes(DeliveryMethodRow.listAll(BY_POSITION)),
            CitationRow.<CitationRow>listAll(BY_POSITION).stream()
                .map(r -> new ReferenceEntry(r.id, r.title, r.publisher, r.date, r.url, r.kind))
                .toList(),
            RuleRow.<RuleRow>listAll(BY_POSITION).stream().map(RulesetStore::entry).toList());
    return Rulesets.toTable(bundle, row.revision);
  }

  /** The revision committed last, read without loading the table. */
  @Transactional
  public long revision() {
    return RulesetRow.<RulesetRow>findById(RulesetRow.ID).revision;
  }

  private RulesetRow lockRuleset() {
    return RulesetRow.findById(RulesetRow.ID, LockModeType.PESSIMISTIC_WRITE);
  }

  private Commit apply(
      RulesetRow row, RuleTable current, Bundle next, String actor, String description) {
    RuleTable table = Rulesets.toTable(next, row.revision + 1);
    Bundle written = Rulesets.toBundle(table);
    List<Change> changes = BundleDiff.between(Rulesets.toBundle(current), written);
    if (changes.isEmpty()) {
      return new Commit(row.revision, changes, current);
    }
    // The rows read for the current table leave the persistence context, so new rows may take their
    // ids.
    entityManager.flush();
    entityManager.clear();
    RulesetRow locked = RulesetRow.findById(RulesetRow.ID);
    write(locked, table);
    locked.revision = table.revision();
    row = locked;
    RevisionRow revision = new RevisionRow();
    revision.revision = row.revision;
    revision.committedAt = OffsetDateTime.now(clock);
    revision.actor = actor;
    revision.description = description;
    revision.snapshot = gzip(written);
    revision.persist();
    entityManager.flush();
    for (Change change : changes) {
      ChangeRow c = new ChangeRow();
      c.revision = row.revision;
      c.action = change.action().name();
      c.entity = change.entity();
      c.entityId = change.id();
      c.before = text(change.before());
      c.after = text(change.after());
      c.persist();
    }
    // Delivered at commit, to every instance listening on this database.
    entityManager
        .createNativeQuery("SELECT pg_notify('" + RevisionListener.CHANNEL + "', ?1)")
        .setParameter(1, Long.toString(row.revision))
        .getSingleResult();
    return new Commit(row.revision, changes, table);
  }

  private void write(RulesetRow row, RuleTable table) {
    RuleRow.deleteAll();
    CitationRow.deleteAll();
    SourceRow.deleteAll();
    DeliveryMethodRow.deleteAll();
    JurisdictionRow.deleteAll();
    IngredientRow.deleteAll();
    entityManager.flush();

    row.title = table.metadata().title();
    row.publishedOn = table.metadata().publishedOn();
    row.disclaimer = table.metadata().disclaimer();
    Map<String, String> statuses = new HashMap<>();
    table.metadata().statuses().forEach((status, meaning) -> statuses.put(status.name(), meaning));
    row.statuses = statuses;

    int position = 0;
    for (Node n : table.ingredients().entries()) {
      IngredientRow r = new IngredientRow();
      r.id = n.id();
      r.label = n.label();
      r.aliases = new ArrayList<>(n.aliases());
      r.position = position++;
      r.persist();
    }
    position = 0;
    for (Jurisdiction j : table.jurisdictions().entries()) {
      JurisdictionRow r = new JurisdictionRow();
      r.code = j.code();
      r.name = j.name();
      r.parent = j.parent();
      r.regulator = j.regulator();
      r.notes = j.notes();
      r.aliases = new ArrayList<>(j.aliases());
      r.position = position++;
      r.persist();
    }
    persistNodes(table.sources().entries(), SourceRow::new);
    persistNodes(table.deliveryMethods().entries(), DeliveryMethodRow::new);
    position = 0;
    for (Reference c : table.references().values()) {
      CitationRow r = new CitationRow();
      r.id = c.id();
      r.title = c.title();
      r.publisher = c.publisher();
      r.date = c.date();
      r.url = c.url();
      r.kind = c.kind();
      r.position = position++;
      r.persist();
    }
    position = 0;
    for (Rule rule : table.rules()) {
      RuleRow r = row(rule);
      r.position = position++;
      r.persist();
    }
  }

  private static <R extends TreeNodeRow> void persistNodes(Iterable<Node> nodes, Supplier<R> rows) {
    int position = 0;
    for (Node n : nodes) {
      R r = rows.get();
      r.id = n.id();
      r.parent = n.parent();
      r.label = n.label();
      r.aliases = new ArrayList<>(n.aliases());
      r.position = position++;
      r.persist();
    }
  }

  private static List<NodeEntry> nodes(List<? extends TreeNodeRow> rows) {
    return rows.stream().map(r -> new NodeEntry(r.id, r.parent, r.label, r.aliases)).toList();
  }

  private static RuleRow row(Rule rule) {
    RuleRow r = new RuleRow();
    r.id = rule.id();
    r.ingredient = rule.ingredient();
    r.jurisdiction = rule.jurisdiction();
    r.source = rule.source();
    r.deliveryMethod = rule.deliveryMethod();
    r.status = rule.status().name();
    r.conditions = new ArrayList<>(rule.conditions());
    if (rule.legalBasis() != null) {
      r.legalInstrument = rule.legalBasis().instrument();
      r.legalProvision = rule.legalBasis().provision();
      r.legalUrl = rule.legalBasis().url();
    }
    r.citations = new ArrayList<>(rule.references());
    r.effectiveFrom = rule.effectiveFrom();
    r.effectiveTo = rule.effectiveTo();
    r.confidence = rule.confidence();
    r.verifiedOn = rule.verifiedOn();
    r.notes = rule.notes();
    return r;
  }

  private static RuleEntry entry(RuleRow r) {
    LegalBasisEntry basis =
        r.legalInstrument == null && r.legalProvision == null && r.legalUrl == null
            ? null
            : new LegalBasisEntry(r.legalInstrument, r.legalProvision, r.legalUrl);
    return new RuleEntry(
        r.id,
        r.ingredient,
        r.jurisdiction,
        r.source,
        r.deliveryMethod,
        r.status,
        r.conditions,
        basis,
        r.citations,
        text(r.effectiveFrom),
        text(r.effectiveTo),
        r.confidence,
        text(r.verifiedOn),
        r.notes);
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static byte[] gzip(Bundle bundle) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      JSON.writeValue(out, bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String text(Object entry) {
    try {
      return entry == null ? null : JSON.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return text == null ? null : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
