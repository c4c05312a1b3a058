package io.exoreg.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.decision.Policy;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.http.Accept;
import io.exoreg.metrics.DecisionMetrics;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.ProblemException;
import io.exoreg.receipt.Receipts;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Checks a whole catalogue for CI: 200 with the report when it passes, 422 with the same report
 * when it fails, so that {@code curl --fail-with-body} fails the step and still writes the report.
 */
@Path("/api/v1/checks")
@Tag(name = "Catalogue checks")
@Produces({
  MediaType.APPLICATION_JSON,
  MediaType.APPLICATION_XML,
  "application/sarif+json",
  MediaType.TEXT_PLAIN
})
@APIResponse(
    responseCode = "200",
    description = "The catalogue passed; the report in the chosen format",
    headers =
        @Header(
            name = CheckResource.RECEIPT_HEADER,
            description = CheckResource.RECEIPT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING)),
    content = {
      @Content(
          mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = CheckReport.class)),
      @Content(
          mediaType = MediaType.APPLICATION_XML,
          schema = @Schema(type = SchemaType.STRING, description = "A JUnit XML report")),
      @Content(
          mediaType = "application/sarif+json",
          schema =
              @Schema(
                  type = SchemaType.OBJECT,
                  description =
                      "A SARIF 2.1.0 log: one result per failing or warning combination")),
      @Content(
          mediaType = MediaType.TEXT_PLAIN,
          schema =
              @Schema(
                  type = SchemaType.STRING,
                  description = "A text report, or GitHub workflow annotations (format=github)"))
    })
@APIResponse(
    responseCode = "422",
    description = "The catalogue failed; the same report, in the same formats as a pass",
    headers =
        @Header(
            name = CheckResource.RECEIPT_HEADER,
            description = CheckResource.RECEIPT_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING)))
@APIResponse(
    responseCode = "400",
    description =
        "Malformed catalogue, unknown code or missing field; errors names the product or CSV line and the field",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "413",
    description =
        "Over the configured products or combinations per request; the detail quotes the limit",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CheckResource {
  static final String CSV = "text/csv";

  /** The header that carries a report's receipt. */
  public static final String RECEIPT_HEADER = "Exoreg-Receipt";

  static final String RECEIPT_DESCRIPTION =
      "With receipt=true: a compact JWS (ES256) over the SHA-256 of the body's exact bytes, its"
          + " summary, status, deciding rules and revision";

  private final CurrentTable current;
  private final ExoregConfig config;
  private final ObjectMapper json;
  private final Clock clock;
  private final DecisionMetrics metrics;
  private final String version;
  private final Receipts receipts;

  public CheckResource(
      CurrentTable current,
      ExoregConfig config,
      ObjectMapper json,
      Clock clock,
      DecisionMetrics metrics,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version,
      Receipts receipts) {
    this.current = current;
    this.config = config;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
    this.version = version;
    this.receipts = receipts;
  }

  private static Map<String, Map<Status, Integer>> decisionsByMarket(CheckReport report) {
    Map<String, Map<Status, Integer>> byMarket = new HashMap<>();
    for (CheckReport.Result result : report.results()) {
      Map<Status, Integer> byStatus =
          byMarket.computeIfAbsent(result.market(), m -> new EnumMap<>(Status.class));
      for (CheckReport.Finding finding : result.findings()) {
        byStatus.merge(finding.status(), 1, Integer::sum);
      }
    }
    return byMarket;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "checkCatalogue",
      summary = "Check a catalogue against the markets each product is sold in",
      description =
          "JSON, or CSV with the header sku,name,ingredient,source,deliveryMethod,market: one"
              + " line per combination, grouped by sku.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Catalogue.class)))
  public Response checkJson(
      InputStream body,
      @Parameter(
              description = "Fail on this status or a more severe one; UNKNOWN when omitted",
              schema = @Schema(implementation = Status.class))
          @QueryParam("failOn")
          String failOn,
      @Parameter(
              description = "Warn on this status or a more severe one; RESTRICTED when omitted",
              schema = @Schema(implementation = Status.class))
          @QueryParam("warnOn")
          String warnOn,
      @Parameter(
              description = "The report's format; else chosen by Accept, else json",
              schema = @Schema(implementation = ReportFormat.class))
          @QueryParam("format")
          String format,
      @Parameter(
              description =
                  "The day to decide for, YYYY-MM-DD; the catalogue's at, else today (UTC)",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("at")
          String at,
      @Parameter(
              description =
                  "true adds a signed receipt of the report in the Exoreg-Receipt header: the"
                      + " SHA-256 of the exact bytes of the body, its summary and deciding rules")
          @QueryParam("receipt")
          String receipt,
      @Parameter(
              description =
                  "A policy's id (GET /api/v1/policies): each finding's status is the more"
                      + " severe of the law's and the policy's, and says which gives it; one"
                      + " policy per request")
          @QueryParam("policy")
          String policy,
      HttpHeaders headers,
      @Context UriInfo uri) {
    return check(
        failOn,
        warnOn,
        format,
        receipt,
        policy,
        headers,
        uri,
        (reader, today) -> reader.json(body, at, today));
  }

  @POST
  @Consumes(CSV)
  @Operation(
      summary = "Check a catalogue against the markets each product is sold in",
      description =
          "JSON, or CSV with the header sku,name,ingredient,source,deliveryMethod,market: one"
              + " line per combination, grouped by sku.")
  @RequestBody(content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
  public Response checkCsv(
      InputStream body,
      @QueryParam("failOn") String failOn,
      @QueryParam("warnOn") String warnOn,
      @QueryParam("format") String format,
      @QueryParam("at") String at,
      @QueryParam("receipt") String receipt,
      @QueryParam("policy") String policy,
      HttpHeaders headers,
      @Context UriInfo uri) {
    if (headers.getMediaType() == null) {
      throw new ProblemException(
          415, "Send the catalogue with Content-Type application/json or text/csv", null);
    }
    Charset charset = Inputs.charset(headers.getMediaType());
    return check(
        failOn,
        warnOn,
        format,
        receipt,
        policy,
        headers,
        uri,
        (reader, today) -> reader.csv(new InputStreamReader(body, charset), at, today));
  }

  private Response check(
      String failOn,
      String warnOn,
      String formatName,
      String receipt,
      String policyId,
      HttpHeaders headers,
      UriInfo uri,
      BiFunction<CatalogueReader, LocalDate, CheckInput> read) {
    long started = System.nanoTime();
    RuleTable table = current.require();
    Inputs inputs = new Inputs(table);
    Status fail = inputs.status("failOn", failOn, Status.UNKNOWN);
    Status warn = inputs.status("warnOn", warnOn, Status.RESTRICTED);
    ReportFormat format = format(inputs, formatName, headers);
    boolean signed = inputs.flag("receipt", receipt);
    Policy policy = inputs.policy("policy", policyId);
    inputs.check();
    CatalogueReader reader = CatalogueReader.of(table, config);
    CheckInput input = read.apply(reader, LocalDate.now(clock));
    CheckReport report = CatalogueChecker.check(table, input, fail, warn, policy);
    metrics.checked(report.passed(), decisionsByMarket(report));
    // the service's own page tells what the reporting tool is and shows its table
    Producer producer = new Producer(version, uri.getBaseUri().resolve("/"));
    Response.ResponseBuilder response =
        Response.status(report.passed() ? 200 : 422).type(format.mediaType() + ";charset=UTF-8");
    if (signed) {
      // the receipt holds the digest of the body and is sent before it: the report is written
      // once into the digest and once more to the client, so that it is never held whole (a check
      // of ten thousand products writes hundreds of megabytes)
      MessageDigest digest = Receipts.reportDigest();
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
        format.write(report, producer, out, json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      response
          .header(RECEIPT_HEADER, receipt(report, digest, format, table))
          .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    StreamingOutput body = out -> format.write(report, producer, out, json);
    response.entity(body);
    return response
        .header(
            "Server-Timing",
            "check;dur=%.1f;desc=\"read and decide\""
                .formatted((System.nanoTime() - started) / 1e6))
        .build();
  }

  private String receipt(
      CheckReport report, MessageDigest body, ReportFormat format, RuleTable table) {
    // the most severe status any product x market has, from the counts rather than the results,
    // which would be made once more
    Status worst =
        report.summary().entrySet().stream()
            .filter(count -> count.getValue() > 0)
            .map(Map.Entry::getKey)
            .max(Status::compareTo)
            .orElse(Status.PERMITTED);
    return receipts.forReport(
        body,
        format.mediaType(),
        report.passed(),
        report.failOn(),
        report.warnOn(),
        report.at(),
        report.summary(),
        worst,
        report.rules().keySet(),
        table);
  }

  /** The charset the CSV declares, UTF-8 when it declares none. */
  static ReportFormat format(Inputs inputs, String name, HttpHeaders headers) {
    if (name != null && !name.isBlank()) {
      return ReportFormat.named(name)
          .orElseGet(
              () -> {
                inputs.fail(
                    "format",
                    Inputs.quote(name) + " is not one of " + List.of(ReportFormat.values()));
                return ReportFormat.json;
              });
    }
    return ReportFormat.accepted(Accept.of(headers.getRequestHeader(HttpHeaders.ACCEPT)).wanted());
  }
}
