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
import io.exoreg.decision.Policy;
import io.exoreg.decision.Reference;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.ReferenceEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading, checking and writing rule tables in the bundle format. */
public final class Rulesets {
  private static final ObjectReader READER = strict(new ObjectMapper()).readerFor(Bundle.class);

  /**
   * Entries as the service writes and reads them itself, with no request body involved: the changes
   * and checkpoints it stores, a policy's rules, the digests of rules that receipts carry, its own
   * examples. One mapper, so that each type's serializer is made once; nothing configures it.
   */
  public static final ObjectMapper JSON = new ObjectMapper();

  private Rulesets() {}

  /**
   * Makes a mapper read JSON strictly: an unknown field, a key given twice, anything after the
   * document and the NUL character are refused, so that a typo cannot silently drop data. The REST
   * layer's mapper and the reader of bundles here are both configured by this one method.
   */
  public static ObjectMapper strict(ObjectMapper mapper) {
    return mapper
        .registerModule(new SimpleModule().addDeserializer(String.class, new TextWithoutNul()))
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

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
    T entry;
    try {
      entry = READER.forType(type).readValue(json);
    } catch (IOException e) {
      throw invalid(e);
    }
    if (entry == null) {
      throw new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
    }
    return entry;
  }

  /** What is wrong with a body that could not be read as its type, named by the field it is in. */
  public static InvalidRulesetException invalid(IOException failure) {
    if (failure instanceof NulCharacterException e) {
      String field = fieldPath(e);
      return new InvalidRulesetException(field.isEmpty() ? "body" : field, e.getOriginalMessage());
    }
    if (failure instanceof UnrecognizedPropertyException e) {
      return new InvalidRulesetException(
          fieldPath(e), "unknown field '" + e.getPropertyName() + "'");
    }
    if (failure instanceof MismatchedInputException e
        && e.getPath().isEmpty()
        && String.valueOf(e.getOriginalMessage()).startsWith("No content")) {
      return new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
    }
    if (failure instanceof JsonMappingException e) {
      return new InvalidRulesetException(
          fieldPath(e), "has the wrong type or shape: " + expected(e));
    }
    if (failure instanceof JsonProcessingException e) {
      return new InvalidRulesetException(
          "", "malformed JSON at " + location(e) + ": " + e.getOriginalMessage());
    }
    return new InvalidRulesetException("", "the body could not be read");
  }

  private static final String TYPES_DESCRIBED =
      "the API description (/q/openapi) gives each field's type";

  /**
   * What a field that could not be read must hold, in JSON's words, when the failure names the type
   * it was read as; otherwise where each field's type is given.
   */
  private static String expected(JsonMappingException failure) {
    Class<?> type = failure instanceof MismatchedInputException e ? e.getTargetType() : null;
    if (type == null) {
      return TYPES_DESCRIBED;
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "it must be a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "it must be an array";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "it must be true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "it must be a number";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "it must be an object";
    }
    return TYPES_DESCRIBED;
  }

  /** PostgreSQL text cannot hold U+0000, so no table may carry it. */
  private static final class NulCharacterException extends JsonMappingException {
    NulCharacterException(JsonParser parser) {
      super(parser, "must not contain the NUL character (U+0000)");
    }
  }

  /**
   * Every text of a bundle, refused as it is read when it holds U+0000. A document read holds each
   * distinct text once: a table of a hundred thousand rules repeats its 140,000 distinct texts 1.6
   * million times, so its bundle read takes about a third of the memory (44 MB rather than 150),
   * which the collector no longer copies as the bundle grows, and the snapshot built from it keeps
   * the shared texts: a seventh less live heap per rule.
   */
  private static final class TextWithoutNul extends StringDeserializer {
    /** The texts of the document being read, one of each, as an attribute of its reading. */
    private static final Object TEXTS = TextWithoutNul.class;

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = super.deserialize(parser, context);
      if (text == null) {
        return null;
      }
      if (text.indexOf('\u0000') >= 0) {
        throw new NulCharacterException(parser);
      }
      @SuppressWarnings("unchecked")
      Map<String, String> texts = (Map<String, String>) context.getAttribute(TEXTS);
      if (texts == null) {
        texts = new HashMap<>();
        context.setAttribute(TEXTS, texts);
      }
      String known = texts.putIfAbsent(text, text);
      return known == null ? text : known;
    }
  }

  /** Checks a bundle against every validation rule and builds its snapshot at {@code revision}. */
  public static RuleTable validate(Bundle bundle, long revision) {
    return BundleValidator.validate(bundle, revision);
  }

  /**
   * Builds the snapshot of a table the store committed at {@code revision}, read back as it was
   * written: the checks a write passed (ids, links, uniqueness, overlaps) are not made again.
   */
  public static RuleTable committedTable(Bundle bundle, long revision) {
    return BundleValidator.rebuild(bundle, revision);
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
        table.rules().stream().map(Rulesets::entry).toList(),
        // a table without policies is a bundle of the law alone, as the format writes it
        table.policies().isEmpty()
            ? null
            : table.policies().stream().map(Rulesets::entry).toList());
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
          case POLICY -> table.policy(id).map(Rulesets::entry).orElse(null);
        });
  }

  /**
   * The entry of this kind and id as a read of it answers, with what the service derives for it
   * from the table: a rule's citations, a jurisdiction's chain, children and rule count. Sent back
   * unchanged, it is a valid write: the derived fields are read-only.
   */
  public static Optional<Object> document(RuleTable table, Kind kind, String id) {
    return switch (kind) {
      case RULE -> table.rule(id).map(rule -> document(rule, table));
      case JURISDICTION ->
          table.jurisdictions().contains(id)
              ? Optional.of(document(table.jurisdictions().get(id), table))
              : Optional.empty();
      default -> entry(table, kind, id);
    };
  }

  /** A rule as reads show it: in the bundle's shape, with the references it cites in full. */
  public static RuleEntry document(Rule rule, RuleTable table) {
    return entry(rule)
        .withCitations(
            rule.references().stream().map(table.references()::get).map(Rulesets::entry).toList());
  }

  /** A jurisdiction as a read of it shows it: with its chain, its children and its rule count. */
  public static JurisdictionEntry document(Jurisdiction j, RuleTable table) {
    int rules = (int) table.rules().stream().filter(r -> r.jurisdiction().equals(j.code())).count();
    return entry(j)
        .withDerived(
            table.jurisdictions().chain(j.code()), table.jurisdictions().children(j.code()), rules);
  }

  public static PolicyEntry entry(Policy p) {
    return new PolicyEntry(
        p.id(), p.name(), p.description(), p.rules().stream().map(Rulesets::entry).toList());
  }

  public static IngredientEntry ingredient(Node n) {
    return new IngredientEntry(n.id(), n.label(), n.aliases());
  }

  public static JurisdictionEntry entry(Jurisdiction j) {
    return new JurisdictionEntry(
        j.code(), j.name(), j.parent(), j.regulator(), j.notes(), j.aliases());
  }

  public static NodeEntry entry(Node n) {
    return new NodeEntry(n.id(), n.parent(), n.label(), n.aliases());
  }

  public static ReferenceEntry entry(Reference r) {
    return new ReferenceEntry(r.id(), r.title(), r.publisher(), r.date(), r.url(), r.kind());
  }

  public static RuleEntry entry(Rule r) {
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
        r.notes(),
        r.rationale(),
        null);
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
