package io.exoreg.check;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.ImpactReport.ImpactChange;
import io.exoreg.check.ImpactReport.Side;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An impact report in the forms a check report takes: JSON as it is; JUnit XML with one test case
 * per change, failing when it makes a result fail; SARIF with one result per change, its rule the
 * first deciding rule after it; text; and GitHub workflow commands.
 */
final class ImpactFormats {
  private ImpactFormats() {}

  static void write(
      ImpactReport report,
      ReportFormat format,
      Producer producer,
      OutputStream out,
      ObjectMapper json)
      throws IOException {
    if (format == ReportFormat.json) {
      json.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, report);
      return;
    }
    if (format == ReportFormat.sarif) {
      json.writer()
          .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .writeValue(out, sarif(report, producer));
      return;
    }
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    switch (format) {
      case junit -> junit(report, writer);
      case github -> github(report, writer);
      default -> text(report, writer);
    }
    writer.flush();
  }

  /** "SERUM-1/GB on 2027-01-01 (scheduled): PERMITTED -> PROHIBITED (GB-rule)". */
  static String line(ImpactChange c) {
    return c.sku()
        + "/"
        + c.market()
        + " on "
        + c.on()
        + " ("
        + c.cause()
        + "): "
        + side(c.from())
        + " -> "
        + side(c.to());
  }

  private static String side(Side side) {
    return side.status()
        + (side.decidingRules().isEmpty()
            ? " (no rule applies)"
            : " (" + String.join(", ", side.decidingRules()) + ")");
  }

  private static void text(ImpactReport report, Writer out) throws IOException {
    out.append(
        "exoreg impact: revision %d on %s -> revision %d up to %s%s: %d change(s), %d failing%n"
            .formatted(
                report.fromRevision(),
                report.fromDate(),
                report.toRevision(),
                report.toDate(),
                report.policy() == null ? "" : ", policy " + report.policy().id(),
                report.changed(),
                report.failing()));
    for (ImpactChange change : report.changes()) {
      out.append(change.outcome().name().toUpperCase(Locale.ROOT))
          .append(' ')
          .append(line(change))
          .append('\n');
      for (String id : change.to().decidingRules()) {
        CitedRule rule = report.rules().get(id);
        if (rule != null && rule.legalBasis() != null) {
          out.append("      basis of ").append(id).append(": ").append(TextReport.basis(rule));
          out.append('\n');
        }
        if (rule != null && rule.rationale() != null) {
          out.append("      policy ").append(rule.policy()).append(", ").append(id).append(": ");
          out.append(rule.rationale()).append('\n');
        }
      }
    }
  }

  private static void github(ImpactReport report, Writer out) throws IOException {
    for (ImpactChange change : report.changes()) {
      String level =
          change.outcome() == Outcome.fail ? "error" : change.worse() ? "warning" : "notice";
      out.append("::")
          .append(level)
          .append(" title=")
          .append(
              GithubReport.property(
                  change.sku() + "/" + change.market() + " " + change.to().status()))
          .append("::")
          .append(GithubReport.data(line(change)))
          .append('\n');
    }
    out.append("::notice title=exoreg impact::")
        .append(
            GithubReport.data(
                report.changed()
                    + " change(s), "
                    + report.failing()
                    + " failing, from revision "
                    + report.fromRevision()
                    + " on "
                    + report.fromDate()
                    + " to revision "
                    + report.toRevision()
                    + " up to "
                    + report.toDate()))
        .append('\n');
  }

  private static void junit(ImpactReport report, Writer out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      String tests = Integer.toString(report.changed());
      String failures = Integer.toString(report.failing());
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "exoreg");
      xml.writeAttribute("tests", tests);
      xml.writeAttribute("failures", failures);
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("time", "0");
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "exoreg impact");
      xml.writeAttribute("tests", tests);
      xml.writeAttribute("failures", failures);
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", "0");
      xml.writeAttribute("timestamp", report.fromDate() + "T00:00:00");
      xml.writeCharacters("\n    ");
      xml.writeStartElement("properties");
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("fromRevision", Long.toString(report.fromRevision()));
      properties.put("fromDate", report.fromDate().toString());
      properties.put("toRevision", Long.toString(report.toRevision()));
      properties.put("toDate", report.toDate().toString());
      properties.put("failOn", report.failOn().name());
      if (report.policy() != null) {
        properties.put("policy", report.policy().id());
      }
      for (Map.Entry<String, String> p : properties.entrySet()) {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", p.getKey());
        xml.writeAttribute("value", p.getValue());
      }
      xml.writeCharacters("\n    ");
      xml.writeEndElement();
      for (ImpactChange change : report.changes()) {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", change.sku() + "/" + change.market() + "@" + change.on());
        xml.writeAttribute("classname", change.sku());
        xml.writeAttribute("time", "0");
        if (change.outcome() == Outcome.fail) {
          xml.writeCharacters("\n      ");
          xml.writeStartElement("failure");
          xml.writeAttribute("type", change.to().status().name());
          xml.writeAttribute("message", JunitReport.clean(line(change)));
          xml.writeCharacters(JunitReport.clean(line(change)));
          xml.writeEndElement();
          xml.writeCharacters("\n    ");
        } else {
          xml.writeCharacters("\n      ");
          xml.writeStartElement("system-out");
          xml.writeCharacters(JunitReport.clean(line(change)));
          xml.writeEndElement();
          xml.writeCharacters("\n    ");
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("The JUnit report could not be written", e);
    }
  }

  private static Map<String, Object> sarif(ImpactReport report, Producer producer) {
    List<Map<String, Object>> rules = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Map<String, Object>> results = new ArrayList<>();
    for (ImpactChange change : report.changes()) {
      String ruleId =
          change.to().decidingRules().isEmpty()
              ? SarifReport.NO_RULE
              : change.to().decidingRules().get(0);
      int at =
          index.computeIfAbsent(
              ruleId,
              id -> {
                CitedRule rule = report.rules().get(id);
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("id", id);
                described.put(
                    "shortDescription",
                    Map.of(
                        "text",
                        rule == null
                            ? "No rule covers this combination"
                            : (rule.jurisdiction() == null ? "everywhere" : rule.jurisdiction())
                                + ": "
                                + rule.source()
                                + " x "
                                + rule.deliveryMethod()
                                + " is "
                                + rule.status()));
                rules.add(described);
                return rules.size() - 1;
              });
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", ruleId);
      result.put("ruleIndex", at);
      result.put(
          "level",
          change.outcome() == Outcome.fail ? "error" : change.worse() ? "warning" : "note");
      result.put("message", Map.of("text", line(change)));
      result.put(
          "locations",
          List.of(
              Map.of(
                  "logicalLocations",
                  List.of(
                      Map.of(
                          "name",
                          change.market(),
                          "fullyQualifiedName",
                          change.sku() + "/" + change.market(),
                          "kind",
                          "object")))));
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("sku", change.sku());
      properties.put("market", change.market());
      properties.put("on", change.on().toString());
      properties.put("cause", change.cause().name());
      properties.put("from", change.from().status().name());
      properties.put("to", change.to().status().name());
      result.put("properties", properties);
      results.add(result);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "exoreg");
    driver.put("version", producer.version());
    driver.put("informationUri", producer.informationUri().toString());
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put("invocations", List.of(Map.of("executionSuccessful", true)));
    run.put("results", results);
    run.put(
        "properties",
        Map.of(
            "fromRevision", report.fromRevision(),
            "fromDate", report.fromDate().toString(),
            "toRevision", report.toRevision(),
            "toDate", report.toDate().toString()));
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    return log;
  }
}
