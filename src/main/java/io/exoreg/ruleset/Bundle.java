package io.exoreg.ruleset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.exoreg.decision.Status;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A whole rule table in the {@code exoreg-ruleset/1} interchange format, exactly as written: every
 * scalar is kept as text so that a bad value can be reported against the entry that holds it.
 *
 * <p>Its entries are also what the API reads and writes one at a time: an entry as {@code GET}
 * answers it goes back with {@code PUT} unchanged. The fields the service derives for a read (a
 * rule's citations, a jurisdiction's chain) are read-only: absent from bundles, ignored on write.
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
  "rules",
  "policies"
})
public record Bundle(
    @Schema(enumeration = FORMAT) String format,
    @Schema(nullable = true) String title,
    @Schema(nullable = true, format = "date") String publishedOn,
    @Schema(nullable = true) String disclaimer,
    @Schema(description = "What each status means, by status") Map<String, String> statuses,
    List<IngredientEntry> ingredients,
    List<JurisdictionEntry> jurisdictions,
    List<NodeEntry> sources,
    List<NodeEntry> deliveryMethods,
    List<ReferenceEntry> references,
    List<RuleEntry> rules,
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @Schema(
            description =
                "Retailers' and brands' own rules on top of the law; absent when the table has"
                    + " none. An import without this field leaves the table's policies as they are")
        List<PolicyEntry> policies) {

  public static final String FORMAT = "exoreg-ruleset/1";

  /** A bundle of the law alone: its policies, if any, are not part of it. */
  public Bundle(
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
    this(
        format,
        title,
        publishedOn,
        disclaimer,
        statuses,
        ingredients,
        jurisdictions,
        sources,
        deliveryMethods,
        references,
        rules,
        null);
  }

  /** The bundle with these policies in place of its own. */
  public Bundle withPolicies(List<PolicyEntry> newPolicies) {
    return with(rules, newPolicies);
  }

  /** The bundle with these rules in place of all of its own, everything else kept. */
  public Bundle withRules(List<RuleEntry> newRules) {
    return with(newRules, policies);
  }

  private Bundle with(List<RuleEntry> newRules, List<PolicyEntry> newPolicies) {
    return new Bundle(
        format,
        title,
        publishedOn,
        disclaimer,
        statuses,
        ingredients,
        jurisdictions,
        sources,
        deliveryMethods,
        references,
        newRules,
        newPolicies);
  }

  /**
   * A retailer's or brand's own standard: rules of the law's shape whose jurisdiction may be null
   * (everywhere) and whose legal basis is optional, with a rationale instead.
   */
  @JsonPropertyOrder({"id", "name", "description", "rules"})
  public record PolicyEntry(
      String id,
      String name,
      @Schema(nullable = true) String description,
      @Schema(description = "Rule ids are unique in the whole table, the law's included")
          List<RuleEntry> rules) {
    public PolicyEntry withId(String newId) {
      return new PolicyEntry(newId, name, description, rules);
    }
  }

  @JsonPropertyOrder({"id", "label", "aliases"})
  public record IngredientEntry(String id, String label, List<String> aliases) {
    public IngredientEntry withId(String newId) {
      return new IngredientEntry(newId, label, aliases);
    }
  }

  @JsonPropertyOrder({
    "code",
    "name",
    "parent",
    "regulator",
    "notes",
    "aliases",
    "chain",
    "children",
    "rules"
  })
  public record JurisdictionEntry(
      String code,
      String name,
      @Schema(
              nullable = true,
              description = "The code of the jurisdiction above it; null for a root")
          String parent,
      @Schema(nullable = true) String regulator,
      @Schema(nullable = true) String notes,
      List<String> aliases,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY)
          @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              readOnly = true,
              description =
                  "The jurisdictions whose law applies in it, itself first (on reads of one"
                      + " jurisdiction)")
          List<String> chain,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY)
          @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "The codes directly below it")
          List<String> children,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY)
          @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "How many rules are written for it")
          Integer rules) {
    public JurisdictionEntry(
        String code,
        String name,
        String parent,
        String regulator,
        String notes,
        List<String> aliases) {
      this(code, name, parent, regulator, notes, aliases, null, null, null);
    }

    public JurisdictionEntry withCode(String newCode) {
      return new JurisdictionEntry(newCode, name, parent, regulator, notes, aliases);
    }

    /** The entry with what a read of it derives from the table. */
    public JurisdictionEntry withDerived(List<String> chain, List<String> children, int rules) {
      return new JurisdictionEntry(
          code, name, parent, regulator, notes, aliases, chain, children, rules);
    }
  }

  @JsonPropertyOrder({"id", "parent", "label", "aliases"})
  public record NodeEntry(
      String id,
      @Schema(nullable = true, description = "The id of the node above it; null for a root")
          String parent,
      String label,
      List<String> aliases) {
    public NodeEntry withId(String newId) {
      return new NodeEntry(newId, parent, label, aliases);
    }
  }

  @JsonPropertyOrder({"id", "title", "publisher", "date", "url", "kind"})
  public record ReferenceEntry(
      String id,
      String title,
      @Schema(nullable = true) String publisher,
      @Schema(
              nullable = true,
              description = "As precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD")
          String date,
      @Schema(nullable = true) String url,
      @Schema(nullable = true, description = "primary, secondary...") String kind) {}

  @JsonPropertyOrder({"instrument", "provision", "url"})
  public record LegalBasisEntry(
      String instrument,
      @Schema(nullable = true) String provision,
      @Schema(nullable = true) String url) {}

  @JsonPropertyOrder({
    "id",
    "ingredient",
    "jurisdiction",
    "source",
    "deliveryMethod",
    "status",
    "conditions",
    "rationale",
    "legalBasis",
    "references",
    "effectiveFrom",
    "effectiveTo",
    "confidence",
    "verifiedOn",
    "notes",
    "citations"
  })
  public record RuleEntry(
      String id,
      String ingredient,
      @Schema(
              nullable = true,
              description =
                  "Null only in a policy's rule for everywhere, a level above every chain")
          String jurisdiction,
      String source,
      String deliveryMethod,
      @Schema(implementation = Status.class) String status,
      List<String> conditions,
      @Schema(nullable = true, description = "Null only for an UNKNOWN rule")
          LegalBasisEntry legalBasis,
      @Schema(description = "Ids of entries of the table's references") List<String> references,
      @Schema(nullable = true, format = "date", description = "Inclusive; null: open")
          String effectiveFrom,
      @Schema(nullable = true, format = "date", description = "Exclusive; null: open")
          String effectiveTo,
      @Schema(enumeration = {"high", "medium", "low"}) String confidence,
      @Schema(nullable = true, format = "date") String verifiedOn,
      @Schema(nullable = true) String notes,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              nullable = true,
              description =
                  "Why a policy's rule says what it says; policy rules only, which may give it"
                      + " instead of a legal basis")
          String rationale,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY)
          @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              readOnly = true,
              description = "The references the rule cites, in full (on reads of rules)")
          List<ReferenceEntry> citations) {
    public RuleEntry(
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
      this(
          id,
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
          notes,
          null,
          null);
    }

    /** The rule with the references it cites in full, as reads show it. */
    public RuleEntry withCitations(List<ReferenceEntry> cited) {
      return new RuleEntry(
          id,
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
          notes,
          rationale,
          cited);
    }

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
          notes,
          rationale,
          null);
    }
  }
}
