package io.exoreg.check;

import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.CheckReport.Finding;
import io.exoreg.check.CheckReport.Outcome;
import io.exoreg.check.CheckReport.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, the test-report format CI servers render, valid against the schema
 * Jenkins' xUnit plugin checks reports with (junit-10): one testcase per product x market named
 * {@code sku/market} with the sku as its class name, a failure for a failing status, and warnings
 * in the test's output and as properties of the suite (a test case may hold no properties).
 */
public final class JunitReport {
  private JunitReport() {}

  public static void write(CheckReport report, Writer out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      String tests = Integer.toString(report.results().size());
      String failures = Integer.toString(report.failures());
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "exoreg");
      counts(xml, tests, failures);
      xml.writeAttribute("time", "0");
      xml.writeCharacters("\n  ");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "exoreg catalogue check");
      counts(xml, tests, failures);
      xml.writeAttribute("skipped", "0"); // a suite has a skipped count; the suites do not
      xml.writeAttribute("time", "0");
      xml.writeAttribute("timestamp", report.at().toString() + "T00:00:00");
      xml.writeCharacters("\n    ");
      xml.writeStartElement("properties");
      property(xml, "rulesetRevision", Long.toString(report.rulesetRevision()), "      ");
      property(xml, "at", report.at().toString(), "      ");
      property(xml, "failOn", report.failOn().name(), "      ");
      property(xml, "warnOn", report.warnOn().name(), "      ");
      property(xml, "warnings", Integer.toString(report.warnings()), "      ");
      if (report.policy() != null) {
        property(xml, "policy", report.policy().id(), "      ");
      }
      for (Result result : report.results()) {
        for (Finding warning : warnings(result)) {
          property(
              xml,
              "warning",
              result.sku() + "/" + result.market() + ": " + TextReport.finding(warning),
              "      ");
        }
      }
      xml.writeCharacters("\n    ");
      xml.writeEndElement();
      for (Result result : report.results()) {
        testcase(xml, result, report.rules());
      }
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      // the writer's own failures, such as a client that went away, arrive wrapped
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("The JUnit report could not be written", e);
    }
  }

  private static void counts(XMLStreamWriter xml, String tests, String failures)
      throws XMLStreamException {
    xml.writeAttribute("tests", tests);
    xml.writeAttribute("failures", failures);
    xml.writeAttribute("errors", "0");
  }

  private static List<Finding> warnings(Result result) {
    return result.findings().stream().filter(f -> f.outcome() == Outcome.warn).toList();
  }

  private static void testcase(XMLStreamWriter xml, Result result, Map<String, CitedRule> rules)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("name", clean(result.sku() + "/" + result.market()));
    xml.writeAttribute("classname", clean(result.sku()));
    xml.writeAttribute("time", "0");
    if (result.outcome() == Outcome.fail) {
      List<Finding> failing =
          result.findings().stream().filter(f -> f.outcome() == Outcome.fail).toList();
      xml.writeCharacters("\n      ");
      xml.writeStartElement("failure");
      xml.writeAttribute(
          "message",
          clean(
              result.sku()
                  + " in "
                  + result.market()
                  + " is "
                  + result.status()
                  + ": "
                  + String.join("; ", failing.stream().map(TextReport::finding).toList())));
      xml.writeAttribute("type", result.status().name());
      xml.writeCharacters(clean(TextReport.findings(result.findings(), rules)));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n      ");
    xml.writeStartElement("system-out");
    StringBuilder out = new StringBuilder(TextReport.findings(result.findings(), rules));
    for (Finding warning : warnings(result)) {
      out.append("\nwarning: ").append(TextReport.finding(warning));
    }
    xml.writeCharacters(clean(out.toString()));
    xml.writeEndElement();
    xml.writeCharacters("\n    ");
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value, String indent)
      throws XMLStreamException {
    xml.writeCharacters("\n" + indent);
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", clean(value));
  }

  /** XML 1.0 cannot carry most control characters at all; they become U+FFFD. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              boolean allowed =
                  c == 0x9
                      || c == 0xA
                      || c == 0xD
                      || (c >= 0x20 && c <= 0xD7FF)
                      || (c >= 0xE000 && c <= 0xFFFD)
                      || (c >= 0x10000 && c <= 0x10FFFF);
              out.appendCodePoint(allowed ? c : 0xFFFD);
            });
    return out.toString();
  }
}
