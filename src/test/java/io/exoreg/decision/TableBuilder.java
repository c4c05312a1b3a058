package io.exoreg.decision;

import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Rulesets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small tables written in code, for cases the default table does not exercise. */
public final class TableBuilder {
  private final List<JurisdictionEntry> jurisdictions = new ArrayList<>();
  private final List<NodeEntry> sources = new ArrayList<>();
  private final List<NodeEntry> methods = new ArrayList<>();
  private final List<RuleEntry> rules = new ArrayList<>();
  private final List<IngredientEntry> ingredients =
      new ArrayList<>(List.of(new IngredientEntry("exosome", "Exosomes", List.of("EVs"))));

  /** Another ingredient beside exosome, which every table has. */
  public TableBuilder ingredient(String id) {
    ingredients.add(new IngredientEntry(id, id + " label", List.of()));
    return this;
  }

  public TableBuilder jurisdiction(String code, String parent, String... aliases) {
    jurisdictions.add(
        new JurisdictionEntry(code, code + " name", parent, null, null, List.of(aliases)));
    return this;
  }

  public TableBuilder source(String id, String parent, String... aliases) {
    sources.add(new NodeEntry(id, parent, id + " label", List.of(aliases)));
    return this;
  }

  public TableBuilder method(String id, String parent, String... aliases) {
    methods.add(new NodeEntry(id, parent, id + " label", List.of(aliases)));
    return this;
  }

  public TableBuilder rule(
      String id,
      String jurisdiction,
      String source,
      String method,
      String status,
      String from,
      String to,
      String... conditions) {
    return ruleOf("exosome", id, jurisdiction, source, method, status, from, to, conditions);
  }

  public TableBuilder ruleOf(
      String ingredient,
      String id,
      String jurisdiction,
      String source,
      String method,
      String status,
      String from,
      String to,
      String... conditions) {
    rules.add(
        new RuleEntry(
            id,
            ingredient,
            jurisdiction,
            source,
            method,
            status,
            List.of(conditions),
            new LegalBasisEntry("Act " + id, "s. 1", "https://example.org/" + id),
            List.of(),
            from,
            to,
            "high",
            "2026-11-25",
            null));
    return this;
  }

  public Bundle bundle() {
    return new Bundle(
        Bundle.FORMAT,
        "test table",
        "2026-11-25",
        null,
        Map.of(),
        ingredients,
        jurisdictions,
        sources,
        methods,
        List.of(),
        rules);
  }

  public RuleTable build() {
    return Rulesets.validate(bundle(), 1);
  }
}
