package io.exoreg.ruleset;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A whole rule table in the {@code exoreg-ruleset/1} interchange format, exactly as written: every
 * scalar is kept as text so that a bad value can be reported against the entry that holds it.
 */
@JsonPropertyOrder({
  "format",
  "title",
  "publishedOn",
  "disclaimer",
  "statuses",
  "ingredients",
  "jurisdictions",
  "sources",
  "deliveryMethods",
  "references",
  "rules"
})
public record Bundle(
    String format,
    String title,
    String publishedOn,
    String disclaimer,
    Map<String, String> statuses,
    List<IngredientEntry> ingredients,
    List<JurisdictionEntry> jurisdictions,
    List<NodeEntry> sources,
    List<NodeEntry> deliveryMethods,
    List<ReferenceEntry> references,
    List<RuleEntry> rules) {

  public static final String FORMAT = "exoreg-ruleset/1";

  @JsonPropertyOrder({"id", "label", "aliases"})
  public record IngredientEntry(String id, String label, List<String> aliases) {
    public IngredientEntry withId(String newId) {
      return new IngredientEntry(newId, label, aliases);
    }
  }

  @JsonPropertyOrder({"code", "name", "parent", "regulator", "notes", "aliases"})
  public record JurisdictionEntry(
      String code,
      String name,
      String parent,
      String regulator,
      String notes,
      List<String> aliases) {
    public JurisdictionEntry withCode(String newCode) {
      return new JurisdictionEntry(newCode, name, parent, regulator, notes, aliases);
    }
  }

  @JsonPropertyOrder({"id", "parent", "label", "aliases"})
  public record NodeEntry(String id, String parent, String label, List<String> aliases) {
    public NodeEntry withId(String newId) {
      return new NodeEntry(newId, parent, label, aliases);
    }
  }

  @JsonPropertyOrder({"id", "title", "publisher", "date", "url", "kind"})
  public record ReferenceEntry(
      String id, String title, String publisher, String date, String url, String kind) {}

  @JsonPropertyOrder({"instrument", "provision", "url"})
  public record LegalBasisEntry(String instrument, String provision, String url) {}

  @JsonPropertyOrder({
    "id",
    "ingredient",
    "jurisdiction",
    "source",
    "deliveryMethod",
    "status",
    "conditions",
    "legalBasis",
    "references",
    "effectiveFrom",
    "effectiveTo",
    "confidence",
    "verifiedOn",
    "notes"
  })
  public record RuleEntry(
      String id,
      String ingredient,
      String jurisdiction,
      String source,
      String deliveryMethod,
      String status,
      List<String> conditions,
      LegalBasisEntry legalBasis,
      List<String> references,
      String effectiveFrom,
      String effectiveTo,
      String confidence,
      String verifiedOn,
      String notes) {
    public RuleEntry withId(String newId) {
      return new RuleEntry(
          newId,
          ingredient,
          jurisdiction,
          source,
          deliveryMethod,
          status,
          conditions,
          legalBasis,
          references,
          effectiveFrom,
          effectiveTo,
          confidence,
          verifiedOn,
          notes);
    }
  }
}
