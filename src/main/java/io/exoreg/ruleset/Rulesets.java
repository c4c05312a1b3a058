package io.exoreg.ruleset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.Node;
import io.exoreg.decision.Reference;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading, checking and writing rule tables in the bundle format. */
public final class Rulesets {
  private static final ObjectReader READER =
      new ObjectMapper()
          .registerModule(new SimpleModule().addDeserializer(String.class, new TextWithoutNul()))
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readerFor(Bundle.class);

  private Rulesets() {}

  /**
   * Parses a bundle. Unknown fields are refused at every level, so that a typo cannot silently drop
   * data.
   */
  public static Bundle parse(InputStream json) {
    return parseEntry(json, Bundle.class);
  }

  /** A table with nothing in it: the state before the first revision. */
  public static Bundle empty() {
    return new Bundle(
        Bundle.FORMAT,
        null,
        null,
        null,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * Parses one entry of a bundle (a rule, a jurisdiction...), refusing unknown fields like {@link
   * #parse}.
   */
  public static <T> T parseEntry(InputStream json, Class<T> type) {
    try {
      T entry = READER.forType(type).readValue(json);
      if (entry == null) {
        throw new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
      }
      return entry;
    } catch (NulCharacterException e) {
      String field = fieldPath(e);
      throw new InvalidRulesetException(field.isEmpty() ? "body" : field, e.getOriginalMessage());
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidRulesetException(
          fieldPath(e), "unknown field '" + e.getPropertyName() + "'");
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()
          && String.valueOf(e.getOriginalMessage()).startsWith("No content")) {
        throw new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
      }
      throw new InvalidRulesetException(
          fieldPath(e), "has the wrong type or shape; the bundle format gives each field's type");
    } catch (JsonMappingException e) {
      throw new InvalidRulesetException(
          fieldPath(e), "has the wrong type or shape; the bundle format gives each field's type");
    } catch (JsonProcessingException e) {
      throw new InvalidRulesetException(
          "", "malformed JSON at " + location(e) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidRulesetException("", "the body could not be read");
    }
  }

  /** PostgreSQL text cannot hold U+0000, so no table may carry it. */
  private static final class NulCharacterException extends JsonMappingException {
    NulCharacterException(JsonParser parser) {
      super(parser, "must not contain the NUL character (U+0000)");
    }
  }

  /** Every text of a bundle, refused as it is read when it holds U+0000. */
  private static final class TextWithoutNul extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = super.deserialize(parser, context);
      if (text != null && text.indexOf('\u0000') >= 0) {
        throw new NulCharacterException(parser);
      }
      return text;
    }
  }

  /** Checks a bundle against every validation rule and builds its snapshot at {@code revision}. */
  public static RuleTable toTable(Bundle bundle, long revision) {
    return BundleValidator.validate(bundle, revision);
  }

  /** The table as a bundle; reading it back gives an equal table. */
  public static Bundle toBundle(RuleTable table) {
    Map<String, String> statuses = new LinkedHashMap<>();
    table.metadata().statuses().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> statuses.put(e.getKey().name(), e.getValue()));
    return new Bundle(
        Bundle.FORMAT,
        table.metadata().title(),
        table.metadata().publishedOn(),
        table.metadata().disclaimer(),
        statuses,
        table.ingredients().entries().stream().map(Rulesets::ingredient).toList(),
        table.jurisdictions().entries().stream().map(Rulesets::entry).toList(),
        table.sources().entries().stream().map(Rulesets::entry).toList(),
        table.deliveryMethods().entries().stream().map(Rulesets::entry).toList(),
        table.references().values().stream().map(Rulesets::entry).toList(),
        table.rules().stream().map(Rulesets::entry).toList());
  }

  /** The entry of this kind and id in the bundle's shape, if the table has it. */
  public static Optional<Object> entry(RuleTable table, Kind kind, String id) {
    return Optional.ofNullable(
        switch (kind) {
          case RULE -> table.rule(id).map(Rulesets::entry).orElse(null);
          case INGREDIENT ->
              table.ingredients().contains(id) ? ingredient(table.ingredients().get(id)) : null;
          case JURISDICTION ->
              table.jurisdictions().contains(id) ? entry(table.jurisdictions().get(id)) : null;
          case SOURCE -> table.sources().contains(id) ? entry(table.sources().get(id)) : null;
          case DELIVERY_METHOD ->
              table.deliveryMethods().contains(id) ? entry(table.deliveryMethods().get(id)) : null;
        });
  }

  static IngredientEntry ingredient(Node n) {
    return new IngredientEntry(n.id(), n.label(), n.aliases());
  }

  static JurisdictionEntry entry(Jurisdiction j) {
    return new JurisdictionEntry(
        j.code(), j.name(), j.parent(), j.regulator(), j.notes(), j.aliases());
  }

  static NodeEntry entry(Node n) {
    return new NodeEntry(n.id(), n.parent(), n.label(), n.aliases());
  }

  static ReferenceEntry entry(Reference r) {
    return new ReferenceEntry(r.id(), r.title(), r.publisher(), r.date(), r.url(), r.kind());
  }

  static RuleEntry entry(Rule r) {
    return new RuleEntry(
        r.id(),
        r.ingredient(),
        r.jurisdiction(),
        r.source(),
        r.deliveryMethod(),
        r.status().name(),
        r.conditions(),
        r.legalBasis() == null
            ? null
            : new LegalBasisEntry(
                r.legalBasis().instrument(), r.legalBasis().provision(), r.legalBasis().url()),
        r.references(),
        text(r.effectiveFrom()),
        text(r.effectiveTo()),
        r.confidence(),
        text(r.verifiedOn()),
        r.notes());
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }

  /** Where in a JSON document a mapping failed, as {@code rules[3].source}; empty at the top. */
  public static String fieldPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            ref ->
                ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null
        ? "an unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
