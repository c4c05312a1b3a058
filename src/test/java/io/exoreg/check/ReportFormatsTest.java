package io.exoreg.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.exoreg.check.CheckInput.Combination;
import io.exoreg.check.CheckInput.Market;
import io.exoreg.decision.DefaultTable;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The machine-read report formats are what their readers expect. */
class ReportFormatsTest {
  private static final RuleTable TABLE = DefaultTable.table();
  private static final Producer PRODUCER =
      new Producer("1.4.0-SNAPSHOT", URI.create("https://exoreg.example/"));

  /** Three products: one fails in GB and passes in FR, one warns, one has a name to escape. */
  private static final CheckReport REPORT =
      CatalogueChecker.check(
          TABLE,
          new CheckInput(
              List.of(
                  new CheckInput.Product(
                      "SERUM",
                      "Serum",
                      List.of(
                          new Market(
                              "GB",
                              List.of(
                                  new Combination("exosome", "salmon", "scalp-injection"),
                                  new Combination("exosome", "salmon", "topical"))),
                          new Market(
                              "FR", List.of(new Combination("exosome", "salmon", "topical"))))),
                  new CheckInput.Product(
                      "BOOST",
                      "Booster",
                      List.of(
                          new Market(
                              "GB", List.of(new Combination("exosome", "bovine", "topical"))))),
                  new CheckInput.Product(
                      "ODD<&>\u0001",
                      "Name with \"quotes\" & <tags>",
                      List.of(
                          new Market(
                              "SG", List.of(new Combination("exosome", "plant", "topical")))))),
              LocalDate.parse("2026-11-25")),
          Status.UNKNOWN,
          Status.RESTRICTED);

  @Test
  void junitParsesAsTheTestReportsCiServersRead() throws Exception {
    String xml = written(ReportFormat.junit);
    List<ReportTestSuite> suites =
        new TestSuiteXmlParser(new NullConsoleLogger())
            .parse(
                new InputStreamReader(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));
    // the parser groups test cases by class name, as CI servers display them
    assertEquals(
        List.of("SERUM", "BOOST", "ODD<&>\uFFFD"),
        suites.stream().map(ReportTestSuite::getFullClassName).toList(),
        xml);
    assertEquals(4, suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum());
    assertEquals(2, suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum());
    List<ReportTestCase> cases = suites.stream().flatMap(s -> s.getTestCases().stream()).toList();
    assertEquals(
        List.of("SERUM/GB", "SERUM/FR", "BOOST/GB", "ODD<&>\uFFFD/SG"),
        cases.stream().map(ReportTestCase::getName).toList());
    assertEquals("SERUM", cases.get(0).getClassName());
    assertTrue(cases.get(0).hasFailure());
    assertTrue(
        cases.get(0).getFailureMessage().contains("NOT_APPROVED"),
        cases.get(0).getFailureMessage());
    assertTrue(cases.get(0).getFailureMessage().contains("GB-any-source-injection"));
    assertTrue(cases.get(1).isSuccessful());
    assertTrue(cases.get(2).isSuccessful());
    assertTrue(cases.get(3).hasFailure());

    Document dom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element testsuite = (Element) dom.getElementsByTagName("testsuite").item(0);
    assertEquals(
        Integer.toString(dom.getElementsByTagName("testcase").getLength()),
        testsuite.getAttribute("tests"));
    assertEquals(
        Integer.toString(dom.getElementsByTagName("failure").getLength()),
        testsuite.getAttribute("failures"));
    // a warning is a property of the suite, named by its case, and in the case's output
    List<Element> warnings = new ArrayList<>();
    NodeList properties = testsuite.getElementsByTagName("property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      if (property.getAttribute("name").equals("warning")) {
        warnings.add(property);
      }
    }
    assertEquals(1, warnings.size(), xml);
    assertTrue(warnings.get(0).getAttribute("value").startsWith("BOOST/GB: "));
    assertTrue(warnings.get(0).getAttribute("value").contains("RESTRICTED"));
    Element boost = (Element) dom.getElementsByTagName("testcase").item(2);
    assertTrue(
        boost.getElementsByTagName("system-out").item(0).getTextContent().contains("warning: "));
    assertEquals(0, boost.getElementsByTagName("properties").getLength());
  }

  @Test
  void junitValidatesAgainstTheSchemaJenkinsChecksReportsWith() throws Exception {
    Schema schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(getClass().getResource("/junit-10.xsd"));
    String xml = written(ReportFormat.junit);
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    // the schema refuses what the report used to write: a properties element in a test case
    String withCaseProperties =
        xml.replace(
            "<testcase name=\"BOOST/GB\" classname=\"BOOST\" time=\"0\">",
            "<testcase name=\"BOOST/GB\" classname=\"BOOST\" time=\"0\"><properties/>");
    assertTrue(!withCaseProperties.equals(xml), "the case to spoil is where it is expected");
    assertThrows(
        SAXException.class,
        () ->
            schema.newValidator().validate(new StreamSource(new StringReader(withCaseProperties))));
  }

  @Test
  void sarifValidatesAgainstTheSarif210Schema() throws Exception {
    JsonNode log = new ObjectMapper().readTree(written(ReportFormat.sarif));
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/sarif-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(log);
    assertEquals(Set.of(), errors, log.toPrettyString());

    JsonNode run = log.get("runs").get(0);
    assertEquals(3, run.get("results").size(), "one result per failing or warning combination");
    assertEquals("GB-any-source-injection", run.get("results").get(0).get("ruleId").asText());
    assertEquals("error", run.get("results").get(0).get("level").asText());
    assertEquals("warning", run.get("results").get(1).get("level").asText());
    assertEquals(SarifReport.NO_RULE, run.get("results").get(2).get("ruleId").asText());
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("1.4.0-SNAPSHOT", driver.get("version").asText());
    assertEquals("1.4.0-SNAPSHOT", driver.get("semanticVersion").asText());
    assertEquals("https://exoreg.example/", driver.get("informationUri").asText());
    assertEquals(
        REPORT.rulesetRevision(), driver.get("properties").get("rulesetRevision").asLong());
    JsonNode rule = driver.get("rules").get(0);
    assertEquals("GB-any-source-injection", rule.get("id").asText());
    assertEquals(
        TABLE.rule("GB-any-source-injection").orElseThrow().legalBasis().url(),
        rule.get("helpUri").asText());
    for (JsonNode result : run.get("results")) {
      JsonNode cited =
          run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
      assertEquals(result.get("ruleId").asText(), cited.get("id").asText());
    }
  }

  @Test
  void everyFormatIsWrittenWholeAndFlushed() throws Exception {
    assertEquals(4, new ObjectMapper().readTree(written(ReportFormat.json)).get("results").size());
    assertTrue(written(ReportFormat.text).contains("BOOST/GB"));
    assertTrue(written(ReportFormat.github).endsWith("ruleset revision 1, 2026-11-25)\n"));
  }

  /** The format as the response would carry it. */
  private static String written(ReportFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(REPORT, PRODUCER, out, new ObjectMapper().findAndRegisterModules());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpUrisArePercentEncodedWhereACitationCarriesIllegalCharacters() {
    assertEquals("http://a.example/x?q=1%7C%7C", SarifReport.uri("http://a.example/x?q=1||"));
    assertEquals("https://a.example/%EC%9A%B0", SarifReport.uri("https://a.example/우"));
  }
}
