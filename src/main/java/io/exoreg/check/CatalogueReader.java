package io.exoreg.check;

import static io.exoreg.problem.Inputs.Vocabulary.DELIVERY_METHOD;
import static io.exoreg.problem.Inputs.Vocabulary.INGREDIENT;
import static io.exoreg.problem.Inputs.Vocabulary.JURISDICTION;
import static io.exoreg.problem.Inputs.Vocabulary.SOURCE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.exoreg.check.Catalogue.IngredientSource;
import io.exoreg.check.CheckInput.Combination;
import io.exoreg.check.CheckInput.Market;
import io.exoreg.decision.RuleTable;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.runtime.ExoregConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a catalogue, JSON or CSV, into canonical codes. The size limits are checked once the
 * catalogue is parsed and before any code is resolved or decision made; every invalid field is
 * named with its product's sku or its CSV line.
 */
public final class CatalogueReader {
  /** The CSV header, in this order. */
  public static final List<String> CSV_COLUMNS =
      List.of("sku", "name", "ingredient", "source", "deliveryMethod", "market");

  private static final List<String> CSV_COLUMNS_LOWER =
      CSV_COLUMNS.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();

  private static final ObjectReader JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readerFor(Catalogue.class);

  private static final ObjectReader CSV =
      new CsvMapper()
          .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
          .enable(CsvParser.Feature.TRIM_SPACES)
          .readerForListOf(String.class)
          .with(CsvSchema.emptySchema())
          .with(CsvParser.Feature.WRAP_AS_ARRAY);

  private final RuleTable table;
  private final CheckLimits limits;
  private final String defaultIngredient;

  /** A reader against this snapshot with the configured limits and default ingredient. */
  public static CatalogueReader of(RuleTable table, ExoregConfig config) {
    return new CatalogueReader(
        table,
        new CheckLimits(config.checks().maxProducts(), config.checks().maxCombinations()),
        config.defaultIngredient());
  }

  public CatalogueReader(RuleTable table, CheckLimits limits, String defaultIngredient) {
    this.table = table;
    this.limits = limits;
    this.defaultIngredient = defaultIngredient;
  }

  /** Reads the JSON catalogue; {@code at}, when given, overrides the catalogue's own date. */
  public CheckInput json(InputStream body, String at, LocalDate today) {
    Catalogue catalogue = parseJson(body);
    List<Catalogue.Product> products =
        catalogue.products() == null ? List.of() : catalogue.products();
    checkLimits(
        products.size(),
        products.stream()
            .filter(Objects::nonNull)
            .mapToLong(
                p -> (long) size(p.ingredients()) * size(p.deliveryMethods()) * size(p.markets()))
            .sum());
    Inputs inputs = new Inputs(table);
    if (catalogue.products() == null || catalogue.products().isEmpty()) {
      inputs.fail("products", "lists no product; a catalogue needs at least one");
    }
    LocalDate day = inputs.date("at", at != null && !at.isBlank() ? at : catalogue.at(), today);
    List<CheckInput.Product> read = new ArrayList<>();
    Set<String> skus = new HashSet<>();
    for (int i = 0; i < products.size(); i++) {
      Catalogue.Product p = products.get(i);
      String field = "products[" + i + "]";
      if (p == null) {
        inputs.fail(field, "must be a product object");
        continue;
      }
      String context =
          p.sku() == null || p.sku().isBlank() ? "" : "product " + Inputs.shown(p.sku()) + ": ";
      if (p.sku() == null || p.sku().isBlank()) {
        inputs.fail(field + ".sku", "is required");
      } else if (!skus.add(p.sku())) {
        inputs.fail(field + ".sku", context + "the sku is listed twice");
      }
      List<Combination> combinations = new ArrayList<>();
      required(inputs, field + ".ingredients", p.ingredients(), context);
      required(inputs, field + ".deliveryMethods", p.deliveryMethods(), context);
      required(inputs, field + ".markets", p.markets(), context);
      List<String[]> ingredientSources = new ArrayList<>();
      for (int j = 0; j < size(p.ingredients()); j++) {
        IngredientSource is = p.ingredients().get(j);
        String f = field + ".ingredients[" + j + "]";
        if (is == null) {
          inputs.fail(f, context + "must be an object with ingredient and source");
          continue;
        }
        String ingredient =
            inputs.code(INGREDIENT, f + ".ingredient", orDefault(is.ingredient()), true, context);
        String source = inputs.code(SOURCE, f + ".source", is.source(), true, context);
        ingredientSources.add(new String[] {ingredient, source});
      }
      List<String> methods = new ArrayList<>();
      for (int j = 0; j < size(p.deliveryMethods()); j++) {
        methods.add(
            inputs.code(
                DELIVERY_METHOD,
                field + ".deliveryMethods[" + j + "]",
                p.deliveryMethods().get(j),
                true,
                context));
      }
      for (String[] is : ingredientSources) {
        for (String method : methods) {
          combinations.add(new Combination(is[0], is[1], method));
        }
      }
      List<Market> markets = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      List<Combination> each = distinct(combinations); // the same in every market of the product
      for (int j = 0; j < size(p.markets()); j++) {
        String market =
            inputs.code(
                JURISDICTION, field + ".markets[" + j + "]", p.markets().get(j), true, context);
        if (market != null && seen.add(market)) {
          markets.add(new Market(market, each));
        }
      }
      read.add(new CheckInput.Product(p.sku(), p.name(), markets));
    }
    inputs.check();
    return new CheckInput(read, day);
  }

  /** Reads the CSV catalogue: a header line, then one line per combination, grouped by sku. */
  public CheckInput csv(Reader body, String at, LocalDate today) {
    List<CsvLine> lines = parseCsv(body);
    if (lines.isEmpty()) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "line 1",
                  "the CSV is empty; it needs the header " + String.join(",", CSV_COLUMNS))));
    }
    // Spreadsheets often save CSV with a byte-order mark, and people vary the case of headers.
    List<String> header =
        lines.get(0).fields().stream().map(column -> column.replace("\uFEFF", "").strip()).toList();
    if (!header.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList().equals(CSV_COLUMNS_LOWER)) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "line 1",
                  "the header must be "
                      + String.join(",", CSV_COLUMNS)
                      + ", not "
                      + String.join(",", header))));
    }
    List<CsvLine> rows = lines.subList(1, lines.size());
    checkLimits(rows.stream().map(r -> r.fields().get(0)).distinct().count(), rows.size());

    Inputs inputs = new Inputs(table);
    LocalDate day = inputs.date("at", at, today);
    if (rows.isEmpty()) {
      inputs.fail("line 2", "the CSV has a header but no product line");
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Map<String, Set<Combination>>> bySku = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i).fields();
      String line = "line " + rows.get(i).number();
      if (row.size() != CSV_COLUMNS.size()) {
        inputs.fail(
            line,
            "has "
                + row.size()
                + " fields; each line needs "
                + CSV_COLUMNS.size()
                + ": "
                + String.join(",", CSV_COLUMNS));
        continue;
      }
      String sku = row.get(0);
      if (sku.isBlank()) {
        inputs.fail(line + ", sku", "is required");
        continue;
      }
      String context = "product " + Inputs.shown(sku) + ": ";
      String name = row.get(1);
      String known = names.get(sku);
      if (known == null || known.isBlank()) {
        names.put(sku, name); // the first line that names the product gives its name
      } else if (!known.equals(name) && !name.isBlank()) {
        inputs.fail(
            line + ", name",
            context + "the name differs from the sku's earlier lines ('" + known + "')");
      }
      String ingredient =
          inputs.code(INGREDIENT, line + ", ingredient", orDefault(row.get(2)), true, context);
      String source = inputs.code(SOURCE, line + ", source", row.get(3), true, context);
      String method =
          inputs.code(DELIVERY_METHOD, line + ", deliveryMethod", row.get(4), true, context);
      String market = inputs.code(JURISDICTION, line + ", market", row.get(5), true, context);
      bySku
          .computeIfAbsent(sku, k -> new LinkedHashMap<>())
          .computeIfAbsent(market, k -> new LinkedHashSet<>())
          .add(new Combination(ingredient, source, method));
    }
    inputs.check();
    List<CheckInput.Product> products =
        bySku.entrySet().stream()
            .map(
                product ->
                    new CheckInput.Product(
                        product.getKey(),
                        names.get(product.getKey()),
                        product.getValue().entrySet().stream()
                            .map(m -> new Market(m.getKey(), List.copyOf(m.getValue())))
                            .toList()))
            .toList();
    return new CheckInput(products, day);
  }

  private void checkLimits(long products, long decisions) {
    if (products > limits.maxProducts()) {
      throw tooLarge("products", products, limits.maxProducts(), "exoreg.checks.max-products");
    }
    if (decisions > limits.maxDecisions()) {
      throw tooLarge(
          "combinations (product x market x ingredient x delivery method)",
          decisions,
          limits.maxDecisions(),
          "exoreg.checks.max-combinations");
    }
  }

  private static ProblemException tooLarge(String what, long count, int limit, String setting) {
    return new ProblemException(
        413,
        "The catalogue has %d %s; the limit is %d per request (%s). Split it into several requests."
            .formatted(count, what, limit, setting),
        null);
  }

  private String orDefault(String ingredient) {
    return ingredient == null || ingredient.isBlank() ? defaultIngredient : ingredient;
  }

  private static Catalogue parseJson(InputStream body) {
    try {
      Catalogue catalogue = JSON.readValue(body);
      if (catalogue == null) {
        throw invalidBody("body", "is empty; post a catalogue {\"products\": [...]}");
      }
      return catalogue;
    } catch (UnrecognizedPropertyException e) {
      throw invalidBody(
          path(e), "is not a field of a catalogue; the fields are in the API description");
    } catch (JsonMappingException e) {
      if (String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
        throw invalidBody("body", "is not valid JSON: it is empty or ends early");
      }
      throw invalidBody(path(e), "has the wrong type or shape");
    } catch (JsonProcessingException e) {
      throw invalidBody("body", "is not valid JSON (" + where(e) + ")");
    } catch (IOException e) {
      throw invalidBody("body", "could not be read");
    }
  }

  /** One line of the CSV with its number in the file, counting from 1 at the header. */
  private record CsvLine(int number, List<String> fields) {}

  private static List<CsvLine> parseCsv(Reader body) {
    List<CsvLine> lines = new ArrayList<>();
    try (MappingIterator<List<String>> rows = CSV.readValues(body)) {
      while (rows.hasNextValue()) {
        List<String> row = rows.nextValue();
        int number = rows.getParser().currentTokenLocation().getLineNr();
        if (!(row.isEmpty() || (row.size() == 1 && row.get(0).isBlank()))) {
          lines.add(new CsvLine(number, row));
        }
      }
      return lines;
    } catch (JsonProcessingException e) {
      throw invalidBody(
          "line " + (e.getLocation() == null ? lines.size() + 1 : e.getLocation().getLineNr()),
          "is not valid CSV");
    } catch (IOException e) {
      throw invalidBody("body", "could not be read");
    }
  }

  private static ProblemException invalidBody(String field, String message) {
    return ProblemException.invalid(List.of(new FieldError(field, message)));
  }

  private static String path(JsonMappingException e) {
    String path = Rulesets.fieldPath(e);
    return path.isEmpty() ? "body" : path;
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? "unreadable"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static void required(Inputs inputs, String field, List<?> list, String context) {
    if (list == null || list.isEmpty()) {
      inputs.fail(field, context + "is required and must list at least one entry");
    }
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static List<Combination> distinct(List<Combination> combinations) {
    return List.copyOf(new LinkedHashSet<>(combinations));
  }
}
