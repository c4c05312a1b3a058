package io.exoreg.ruleset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.exoreg.decision.Status;
import io.exoreg.ruleset.Bundle.LegalBasisEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a table as CSV, one line a rule (a quoted value may span lines): what an export with
 * {@code Accept: text/csv} writes and an import with {@code Content-Type: text/csv} reads.
 * Conditions are separated by line breaks inside their cell, references by spaces; an empty cell is
 * no value. A bad cell is refused by its line and column.
 */
public final class RulesCsv {
  public static final String MEDIA_TYPE = "text/csv";

  private static final List<String> COLUMNS =
      List.of(
          "id",
          "ingredient",
          "jurisdiction",
          "source",
          "deliveryMethod",
          "status",
          "conditions",
          "legalInstrument",
          "legalProvision",
          "legalUrl",
          "references",
          "effectiveFrom",
          "effectiveTo",
          "confidence",
          "verifiedOn",
          "notes");

  private static final Set<String> CONFIDENCE = Set.of("high", "medium", "low");
  private static final Pattern RULE_PATH = Pattern.compile("rules\\[(\\d+)\\](.*)");
  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema SCHEMA = schema();

  /** The most bad cells one answer lists. */
  private static final int MAX_VIOLATIONS = 100;

  private RulesCsv() {}

  private static CsvSchema schema() {
    CsvSchema.Builder builder = CsvSchema.builder();
    COLUMNS.forEach(builder::addColumn);
    return builder.build().withHeader();
  }

  /** The rules as read, each with the line its record begins on. */
  public record Rows(List<RuleEntry> rules, Map<String, Integer> lineOfRule) {
    /** The bundle that carries these rules and nothing else, to merge into a table. */
    public Bundle asBundle() {
      return new Bundle(Bundle.FORMAT, null, null, null, null, null, null, null, null, null, rules);
    }

    /**
     * The same refusal, with each {@code rules[i]} of {@code bundle} named by the line of this CSV
     * where that rule is written.
     */
    public InvalidRulesetException byLine(InvalidRulesetException refused, Bundle bundle) {
      List<Violation> violations = new ArrayList<>();
      for (Violation violation : refused.violations()) {
        Matcher rule = RULE_PATH.matcher(violation.field());
        Integer line = null;
        if (rule.matches()) {
          int index = Integer.parseInt(rule.group(1));
          if (index < bundle.rules().size()) {
            line = lineOfRule.get(bundle.rules().get(index).id());
          }
        }
        violations.add(
            line == null
                ? violation
                : new Violation(
                    cell(line, rule.group(2).startsWith(".") ? rule.group(2).substring(1) : ""),
                    violation.message()));
      }
      return new InvalidRulesetException(violations);
    }
  }

  public static String write(Bundle bundle) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (RuleEntry r : bundle.rules()) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("id", r.id());
      row.put("ingredient", r.ingredient());
      row.put("jurisdiction", r.jurisdiction());
      row.put("source", r.source());
      row.put("deliveryMethod", r.deliveryMethod());
      row.put("status", r.status());
      row.put("conditions", r.conditions() == null ? "" : String.join("\n", r.conditions()));
      row.put("legalInstrument", r.legalBasis() == null ? "" : r.legalBasis().instrument());
      row.put("legalProvision", r.legalBasis() == null ? "" : r.legalBasis().provision());
      row.put("legalUrl", r.legalBasis() == null ? "" : r.legalBasis().url());
      row.put("references", r.references() == null ? "" : String.join(" ", r.references()));
      row.put("effectiveFrom", r.effectiveFrom());
      row.put("effectiveTo", r.effectiveTo());
      row.put("confidence", r.confidence());
      row.put("verifiedOn", r.verifiedOn());
      row.put("notes", r.notes());
      rows.add(row);
    }
    try {
      return CSV.writer(SCHEMA).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The rules could not be written as CSV", e);
    }
  }

  /**
   * Reads rules written as {@link #write} writes them; refuses, naming each bad cell by line and
   * column, a file whose header, cells or ids are not those of such a file.
   */
  public static Rows read(Reader csv) {
    List<Violation> violations = new ArrayList<>();
    List<RuleEntry> rules = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = CSV.createParser(csv)) {
      List<String> header = null;
      while (parser.nextToken() == JsonToken.START_ARRAY) {
        int line = -1;
        List<String> cells = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          if (line < 0) {
            // the record begins where its first cell does
            line = parser.currentTokenLocation().getLineNr();
          }
          cells.add(parser.getText());
        }
        if (header == null) {
          header = cells;
          checkHeader(header, line, violations);
          if (!violations.isEmpty()) {
            break;
          }
          continue;
        }
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue; // a blank line
        }
        if (cells.size() != COLUMNS.size()) {
          violations.add(
              new Violation(
                  cell(line, ""),
                  "has "
                      + cells.size()
                      + " cells; each line has "
                      + COLUMNS.size()
                      + ", one a column"));
          continue;
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
          row.put(header.get(i), cells.get(i).isEmpty() ? null : cells.get(i));
        }
        RuleEntry rule = rule(row, line, violations);
        if (rule.id() != null) {
          Integer earlier = lines.putIfAbsent(rule.id(), line);
          if (earlier != null) {
            violations.add(
                new Violation(
                    cell(line, "id"),
                    "'" + rule.id() + "' is also the id on line " + earlier + "; ids are unique"));
          }
        }
        rules.add(rule);
        if (violations.size() >= MAX_VIOLATIONS) {
          break;
        }
      }
      if (header == null) {
        violations.add(
            new Violation(cell(1, ""), "the file is empty; its first line names the columns"));
      }
    } catch (IOException e) {
      violations.add(new Violation("body", "is not CSV: " + firstLine(e.getMessage())));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRulesetException(violations);
    }
    return new Rows(List.copyOf(rules), Map.copyOf(lines));
  }

  private static void checkHeader(List<String> header, int line, List<Violation> violations) {
    List<String> missing = new ArrayList<>(COLUMNS);
    missing.removeAll(header);
    for (String column : header) {
      if (!COLUMNS.contains(column)) {
        violations.add(
            new Violation(cell(line, column), "is not a column; the columns are " + COLUMNS));
      }
    }
    for (String column : missing) {
      violations.add(new Violation(cell(line, column), "is missing from the header"));
    }
    if (violations.isEmpty() && header.size() != COLUMNS.size()) {
      violations.add(new Violation(cell(line, ""), "names a column twice"));
    }
  }

  private static RuleEntry rule(Map<String, String> row, int line, List<Violation> violations) {
    for (String required :
        List.of("id", "ingredient", "jurisdiction", "source", "deliveryMethod")) {
      if (row.get(required) == null) {
        violations.add(new Violation(cell(line, required), "is required"));
      }
    }
    String status = row.get("status");
    if (status == null || Arrays.stream(Status.values()).noneMatch(s -> s.name().equals(status))) {
      violations.add(
          new Violation(
              cell(line, "status"),
              (status == null ? "is required" : "'" + status + "' is not a status")
                  + "; one of "
                  + Arrays.toString(Status.values())));
    }
    for (String date : List.of("effectiveFrom", "effectiveTo", "verifiedOn")) {
      String value = row.get(date);
      if (value != null) {
        try {
          LocalDate.parse(value);
        } catch (DateTimeParseException e) {
          violations.add(
              new Violation(cell(line, date), "'" + value + "' is not a date; write YYYY-MM-DD"));
        }
      }
    }
    String confidence = row.get("confidence");
    if (confidence != null && !CONFIDENCE.contains(confidence)) {
      violations.add(
          new Violation(
              cell(line, "confidence"), "'" + confidence + "' is not one of high, medium, low"));
    }
    String instrument = row.get("legalInstrument");
    String provision = row.get("legalProvision");
    String url = row.get("legalUrl");
    return new RuleEntry(
        row.get("id"),
        row.get("ingredient"),
        row.get("jurisdiction"),
        row.get("source"),
        row.get("deliveryMethod"),
        status,
        split(row.get("conditions"), "\\R"),
        instrument == null && provision == null && url == null
            ? null
            : new LegalBasisEntry(instrument, provision, url),
        split(row.get("references"), "\\s+"),
        row.get("effectiveFrom"),
        row.get("effectiveTo"),
        confidence,
        row.get("verifiedOn"),
        row.get("notes"));
  }

  private static List<String> split(String cell, String separator) {
    return cell == null || cell.isBlank()
        ? List.of()
        : Arrays.stream(cell.strip().split(separator)).filter(s -> !s.isBlank()).toList();
  }

  /** How a cell is named in a refusal: "line 3: status". */
  static String cell(int line, String column) {
    return "line " + line + (column.isEmpty() ? "" : ": " + column);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "it could not be read";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
