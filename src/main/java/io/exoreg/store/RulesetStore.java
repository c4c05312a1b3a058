package io.exoreg.store;

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
import io.exoreg.ruleset.Rulesets;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rule table in PostgreSQL. Every change runs in one transaction that first locks the ruleset
 * row, so changes commit one at a time and each moves the revision by exactly one.
 */
@ApplicationScoped
public class RulesetStore {
  private static final Sort BY_POSITION = Sort.by("position");

  private final EntityManager entityManager;
  private final Clock clock;

  public RulesetStore(EntityManager entityManager, Clock clock) {
    this.entityManager = entityManager;
    this.clock = clock;
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
    write(row, Rulesets.toTable(bundle.get(), row.revision + 1), actor, description);
    return true;
  }

  /** Replaces the whole table with a valid bundle as the next revision, which it returns. */
  @Transactional
  public long replace(Bundle bundle, String actor, String description) {
    RuleTable table = Rulesets.toTable(bundle, 0);
    RulesetRow row = lockRuleset();
    write(row, table, actor, description);
    return row.revision;
  }

  /** Reads the table as one consistent snapshot: writers hold the ruleset row until they commit. */
  @Transactional
  public RuleTable load() {
    RulesetRow row = RulesetRow.findById(RulesetRow.ID, LockModeType.PESSIMISTIC_READ);
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

  private void write(RulesetRow row, RuleTable table, String actor, String description) {
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

    row.revision += 1;
    RevisionRow revision = new RevisionRow();
    revision.revision = row.revision;
    revision.committedAt = OffsetDateTime.now(clock);
    revision.actor = actor;
    revision.description = description;
    revision.persist();
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
}
