package io.exoreg.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.LegalBasis;
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
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANGES =
      "SELECT c.revision, r.committed_at, r.actor, c.action, c.entity, c.entity_id, c.before,"
          + " c.after FROM table_change c JOIN revision r ON r.revision = c.revision";

  private final Sql sql;
  private final Clock clock;

  public RulesetStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** What a committed change did: the revision it made, the entries it touched, the new table. */
  public record Commit(long revision, List<Change> changes, RuleTable table) {
    public boolean applied() {
      return !changes.isEmpty();
    }
  }

  /** The ruleset row: the revision and what the table says about itself. */
  record Head(
      long revision,
      String title,
      String publishedOn,
      String disclaimer,
      Map<String, String> statuses) {}

  /**
   * Imports the bundle as the whole table, unless the table already holds a revision. Returns
   * whether it imported. Safe when several instances start at once on an empty database.
   */
  public boolean importIfEmpty(Supplier<Bundle> bundle, String actor, String description) {
    return sql.transaction(
        c -> {
          Head head = head(c, "FOR UPDATE");
          if (head.revision() > 0) {
            return false;
          }
          RuleTable empty = Rulesets.toTable(Rulesets.empty(), 0);
          return apply(c, head, empty, bundle.get(), actor, description).applied();
        });
  }

  /**
   * Makes one change to the table as one revision: {@code edit} gets the committed table (read
   * under the writers' lock) and returns the whole new table, which must pass every validation
   * rule. A change that alters nothing commits nothing and keeps the revision.
   */
  public Commit commit(String actor, String description, Function<RuleTable, Bundle> edit) {
    return sql.transaction(
        c -> {
          Head head = head(c, "FOR UPDATE");
          RuleTable current = read(c, head);
          return apply(c, head, current, edit.apply(current), actor, description);
        });
  }

  /** What {@link #commit} would change, validated, without writing anything. */
  public List<Change> preview(Function<RuleTable, Bundle> edit) {
    RuleTable current = load();
    Bundle next = edit.apply(current);
    RuleTable table = Rulesets.toTable(next, current.revision() + 1);
    return BundleDiff.between(Rulesets.toBundle(current), Rulesets.toBundle(table));
  }

  /** The whole table as it was at a revision, if that revision exists. */
  public Optional<Bundle> bundleAt(long revision) {
    Optional<byte[]> snapshot =
        sql.transaction(
            c ->
                Sql.first(
                    c,
                    "SELECT snapshot FROM revision WHERE revision = ?",
                    row -> row.getBytes("snapshot"),
                    revision));
    return snapshot.map(
        gzipped -> {
          try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return Rulesets.parse(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A page of the change feed: the changes after revision {@code since}, oldest first. */
  public List<RecordedChange> changesSince(long since, int page, int size) {
    return sql.transaction(
        c ->
            Sql.list(
                c,
                CHANGES + " WHERE c.revision > ? ORDER BY c.id LIMIT ? OFFSET ?",
                RulesetStore::recorded,
                since,
                size,
                (long) page * size));
  }

  public long countChangesSince(long since) {
    return sql.transaction(
        c ->
            Sql.first(
                    c,
                    "SELECT count(*) FROM table_change WHERE revision > ?",
                    row -> row.getLong(1),
                    since)
                .orElse(0L));
  }

  /** Every change to one entry, oldest first. */
  public List<RecordedChange> history(String entity, String id) {
    if (!Databases.storable(id)) {
      return List.of(); // no entry could ever have had that id
    }
    return sql.transaction(
        c ->
            Sql.list(
                c,
                CHANGES + " WHERE c.entity = ? AND c.entity_id = ? ORDER BY c.id",
                RulesetStore::recorded,
                entity,
                id));
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

  private static RecordedChange recorded(ResultSet row) throws SQLException {
    return new RecordedChange(
        row.getLong("revision"),
        row.getObject("committed_at", OffsetDateTime.class),
        row.getString("actor"),
        row.getString("action"),
        row.getString("entity"),
        row.getString("entity_id"),
        json(row.getString("before")),
        json(row.getString("after")));
  }

  /** Reads the table as one consistent snapshot: writers hold the ruleset row until they commit. */
  public RuleTable load() {
    return sql.transaction(c -> read(c, head(c, "FOR SHARE")));
  }

  /** The revision committed last, read without loading the table. */
  public long revision() {
    return sql.transaction(c -> head(c, "").revision());
  }

  /** The ruleset row, locked as {@code lock} says: the writers' lock, a reader's, or none. */
  static Head head(Connection c, String lock) throws SQLException {
    return Sql.first(
            c,
            "SELECT revision, title, published_on, disclaimer, statuses FROM ruleset WHERE id = 1 "
                + lock,
            row ->
                new Head(
                    row.getLong("revision"),
                    row.getString("title"),
                    row.getString("published_on"),
                    row.getString("disclaimer"),
                    statuses(row.getString("statuses"))))
        .orElseThrow(() -> new IllegalStateException("The ruleset row is missing"));
  }

  private static RuleTable read(Connection c, Head head) throws SQLException {
    Bundle bundle =
        new Bundle(
            Bundle.FORMAT,
            head.title(),
            head.publishedOn(),
            head.disclaimer(),
            head.statuses(),
            Sql.list(
                c,
                "SELECT id, label, aliases FROM ingredient ORDER BY position",
                r -> new IngredientEntry(r.getString("id"), r.getString("label"), aliases(r))),
            Sql.list(
                c,
                "SELECT code, name, parent, regulator, notes, aliases FROM jurisdiction"
                    + " ORDER BY position",
                r ->
                    new JurisdictionEntry(
                        r.getString("code"),
                        r.getString("name"),
                        r.getString("parent"),
                        r.getString("regulator"),
                        r.getString("notes"),
                        aliases(r))),
            nodes(c, "source"),
            nodes(c, "delivery_method"),
            Sql.list(
                c,
                "SELECT id, title, publisher, date, url, kind FROM citation ORDER BY position",
                r ->
                    new ReferenceEntry(
                        r.getString("id"),
                        r.getString("title"),
                        r.getString("publisher"),
                        r.getString("date"),
                        r.getString("url"),
                        r.getString("kind"))),
            Sql.list(
                c,
                // columns by name: a server-side prepared "*" fails once the table's shape changes
                "SELECT id, ingredient, jurisdiction, source, delivery_method, status, conditions,"
                    + " legal_instrument, legal_provision, legal_url, citations, effective_from,"
                    + " effective_to, confidence, verified_on, notes FROM rule ORDER BY position",
                RulesetStore::entry));
    return Rulesets.toTable(bundle, head.revision());
  }

  private static List<NodeEntry> nodes(Connection c, String table) throws SQLException {
    return Sql.list(
        c,
        "SELECT id, parent, label, aliases FROM " + table + " ORDER BY position",
        r ->
            new NodeEntry(
                r.getString("id"), r.getString("parent"), r.getString("label"), aliases(r)));
  }

  private static List<String> aliases(ResultSet row) throws SQLException {
    return Sql.texts(row, "aliases");
  }

  private Commit apply(
      Connection c, Head head, RuleTable current, Bundle next, String actor, String description)
      throws SQLException {
    RuleTable table = Rulesets.toTable(next, head.revision() + 1);
    Bundle written = Rulesets.toBundle(table);
    List<Change> changes = BundleDiff.between(Rulesets.toBundle(current), written);
    if (changes.isEmpty()) {
      return new Commit(head.revision(), changes, current);
    }
    write(c, table);
    Sql.update(
        c,
        "INSERT INTO revision (revision, committed_at, actor, description, snapshot)"
            + " VALUES (?, ?, ?, ?, ?)",
        table.revision(),
        OffsetDateTime.now(clock),
        actor,
        description,
        gzip(written));
    List<Object[]> rows = new ArrayList<>();
    for (Change change : changes) {
      rows.add(
          new Object[] {
            table.revision(),
            change.action().name(),
            change.entity(),
            change.id(),
            text(change.before()),
            text(change.after())
          });
    }
    Sql.batch(
        c,
        "INSERT INTO table_change (revision, action, entity, entity_id, before, after)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        rows);
    // Delivered at commit, to every instance listening on this database.
    Sql.first(
        c,
        "SELECT pg_notify(?, ?)",
        row -> null,
        RevisionListener.CHANNEL,
        Long.toString(table.revision()));
    return new Commit(table.revision(), changes, table);
  }

  /** Replaces every entry of the table; the foreign keys are checked when the change commits. */
  private static void write(Connection c, RuleTable table) throws SQLException {
    for (String name :
        List.of("rule", "citation", "source", "delivery_method", "jurisdiction", "ingredient")) {
      Sql.update(c, "DELETE FROM " + name);
    }
    Map<String, String> statuses = new LinkedHashMap<>();
    table.metadata().statuses().forEach((status, meaning) -> statuses.put(status.name(), meaning));
    Sql.update(
        c,
        "UPDATE ruleset SET revision = ?, title = ?, published_on = ?, disclaimer = ?,"
            + " statuses = ?::jsonb WHERE id = 1",
        table.revision(),
        table.metadata().title(),
        table.metadata().publishedOn(),
        table.metadata().disclaimer(),
        text(statuses));

    List<Object[]> rows = new ArrayList<>();
    for (Node n : table.ingredients().entries()) {
      rows.add(new Object[] {n.id(), n.label(), n.aliases(), rows.size()});
    }
    Sql.batch(c, "INSERT INTO ingredient (id, label, aliases, position) VALUES (?, ?, ?, ?)", rows);
    rows = new ArrayList<>();
    for (Jurisdiction j : table.jurisdictions().entries()) {
      rows.add(
          new Object[] {
            j.code(), j.name(), j.parent(), j.regulator(), j.notes(), j.aliases(), rows.size()
          });
    }
    Sql.batch(
        c,
        "INSERT INTO jurisdiction (code, name, parent, regulator, notes, aliases, position)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows);
    writeNodes(c, "source", table.sources().entries());
    writeNodes(c, "delivery_method", table.deliveryMethods().entries());
    rows = new ArrayList<>();
    for (Reference r : table.references().values()) {
      rows.add(
          new Object[] {
            r.id(), r.title(), r.publisher(), r.date(), r.url(), r.kind(), rows.size()
          });
    }
    Sql.batch(
        c,
        "INSERT INTO citation (id, title, publisher, date, url, kind, position)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows);
    rows = new ArrayList<>();
    for (Rule rule : table.rules()) {
      LegalBasis basis = rule.legalBasis();
      rows.add(
          new Object[] {
            rule.id(),
            rule.ingredient(),
            rule.jurisdiction(),
            rule.source(),
            rule.deliveryMethod(),
            rule.status().name(),
            rule.conditions(),
            basis == null ? null : basis.instrument(),
            basis == null ? null : basis.provision(),
            basis == null ? null : basis.url(),
            rule.references(),
            rule.effectiveFrom(),
            rule.effectiveTo(),
            rule.confidence(),
            rule.verifiedOn(),
            rule.notes(),
            rows.size()
          });
    }
    Sql.batch(
        c,
        "INSERT INTO rule (id, ingredient, jurisdiction, source, delivery_method, status,"
            + " conditions, legal_instrument, legal_provision, legal_url, citations,"
            + " effective_from, effective_to, confidence, verified_on, notes, position)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  private static void writeNodes(Connection c, String table, Iterable<Node> nodes)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (Node n : nodes) {
      rows.add(new Object[] {n.id(), n.parent(), n.label(), n.aliases(), rows.size()});
    }
    Sql.batch(
        c,
        "INSERT INTO " + table + " (id, parent, label, aliases, position) VALUES (?, ?, ?, ?, ?)",
        rows);
  }

  private static RuleEntry entry(ResultSet r) throws SQLException {
    String instrument = r.getString("legal_instrument");
    String provision = r.getString("legal_provision");
    String url = r.getString("legal_url");
    LegalBasisEntry basis =
        instrument == null && provision == null && url == null
            ? null
            : new LegalBasisEntry(instrument, provision, url);
    return new RuleEntry(
        r.getString("id"),
        r.getString("ingredient"),
        r.getString("jurisdiction"),
        r.getString("source"),
        r.getString("delivery_method"),
        r.getString("status"),
        Sql.texts(r, "conditions"),
        basis,
        Sql.texts(r, "citations"),
        r.getString("effective_from"),
        r.getString("effective_to"),
        r.getString("confidence"),
        r.getString("verified_on"),
        r.getString("notes"));
  }

  private static Map<String, String> statuses(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The ruleset's statuses are not a JSON object", e);
    }
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
