package io.exoreg.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as a SARIF 2.1.0 log: one result per failing or warning combination, its {@code
 * ruleId} the deciding rule, and each rule in {@code tool.driver.rules} with its legal basis as
 * {@code helpUri}. A combination no rule covers is reported under {@value #NO_RULE}.
 */
public final class SarifReport {
  // A slash keeps it apart from every rule id, which may not contain one.
  static final String NO_RULE = "exoreg/no-rule";
  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  public record Tool(Driver driver) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Driver(
      String name,
      String version,
      String semanticVersion,
      String informationUri,
      Map<String, Object> properties,
      List<SarifRule> rules) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SarifRule(
      String id,
      Message shortDescription,
      Message fullDescription,
      String helpUri,
      Message help,
      Map<String, Object> properties) {}

  public record Invocation(boolean executionSuccessful) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SarifResult(
      String ruleId,
      int ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      ResultProperties properties) {}

  /** What a result is about, for tools that group or filter results. */
  public record ResultProperties(
      String sku, String market, String status, List<String> decidingRules) {}

  public record Message(String text) {}

  public record Location(List<LogicalLocation> logicalLocations) {}

  public record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

  /**
   * Writes the log as it goes: the driver's rules are gathered in a first pass over the findings,
   * then each result is written as soon as it is made.
   */
  public static void write(
      CheckReport report, Producer producer, OutputStream out, ObjectMapper mapper)
      throws IOException {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<SarifRule> rules = new ArrayList<>();
    for (Result result : report.results()) {
      for (Finding finding : result.findings()) {
        if (finding.outcome() != Outcome.pass) {
          // every deciding rule is cited in the driver, so its legal basis is one click away
          for (String id : deciding(finding)) {
            index.computeIfAbsent(
                id,
                key -> {
                  rules.add(rule(key, report.rules().get(key)));
                  return rules.size() - 1;
                });
          }
        }
      }
    }
    ObjectWriter values = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    try (JsonGenerator g =
        mapper.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeFieldName("tool");
      values.writeValue(
          g,
          new Tool(
              new Driver(
                  "exoreg",
                  producer.version(),
                  Producer.SEMANTIC.matcher(producer.version()).matches()
                      ? producer.version()
                      : null,
                  producer.informationUri().toString(),
                  Map.of("rulesetRevision", report.rulesetRevision()),
                  rules)));
      g.writeFieldName("invocations");
      values.writeValue(g, List.of(new Invocation(true)));
      g.writeArrayFieldStart("results");
      for (Result result : report.results()) {
        for (Finding finding : result.findings()) {
          if (finding.outcome() != Outcome.pass) {
            String ruleId = deciding(finding).get(0);
            values.writeValue(g, result(result, finding, ruleId, index.get(ruleId)));
          }
        }
      }
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      g.writeNumberField("rulesetRevision", report.rulesetRevision());
      g.writeStringField("at", report.at().toString());
      g.writeStringField("failOn", report.failOn().name());
      g.writeStringField("warnOn", report.warnOn().name());
      g.writeBooleanField("passed", report.passed());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static List<String> deciding(Finding finding) {
    return finding.decidingRules().isEmpty() ? List.of(NO_RULE) : finding.decidingRules();
  }

  private static SarifResult result(Result result, Finding finding, String ruleId, int ruleIndex) {
    String where = result.sku() + "/" + result.market();
    return new SarifResult(
        ruleId,
        ruleIndex,
        finding.outcome() == Outcome.fail ? "error" : "warning",
        new Message(where + ": " + TextReport.finding(finding) + ". " + finding.explanation()),
        List.of(
            new Location(
                List.of(
                    new LogicalLocation(
                        where,
                        where
                            + "/"
                            + finding.ingredient()
                            + "/"
                            + finding.source()
                            + "/"
                            + finding.deliveryMethod(),
                        "object")))),
        new ResultProperties(
            result.sku(), result.market(), finding.status().name(), finding.decidingRules()));
  }

  private static SarifRule rule(String id, CitedRule rule) {
    if (rule == null) {
      return new SarifRule(
          id,
          new Message("No rule covers this combination"),
          new Message(
              "No rule in the jurisdiction or any jurisdiction above it covers this ingredient, source and delivery method; the status is UNKNOWN, which is never read as permitted."),
          null,
          null,
          Map.of("status", "UNKNOWN"));
    }
    String basis = rule.legalBasis() == null ? null : TextReport.basis(rule);
    String where = rule.jurisdiction() == null ? "everywhere" : rule.jurisdiction();
    String why =
        rule.fromPolicy() && rule.rationale() != null
            ? "Policy " + rule.policy() + ": " + rule.rationale()
            : basis == null ? "No legal basis is recorded for this rule." : basis;
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("status", rule.status().name());
    properties.put("jurisdiction", where);
    properties.put("confidence", rule.confidence());
    if (rule.fromPolicy()) {
      properties.put("policy", rule.policy());
    }
    return new SarifRule(
        id,
        new Message(
            (rule.fromPolicy() ? "policy " + rule.policy() + ", " : "")
                + where
                + ": "
                + rule.source()
                + " x "
                + rule.deliveryMethod()
                + " is "
                + rule.status()),
        new Message(why),
        rule.legalBasis() == null ? null : uri(rule.legalBasis().url()),
        basis == null ? null : new Message(basis),
        properties);
  }

  /** Citations sometimes carry characters a URI may not; they are percent-encoded. */
  static String uri(String url) {
    if (url == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
      out.append(allowed ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return out.toString();
  }
}
