package io.exoreg.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exoreg.decision.Policy;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RulesetStore;
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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What changes for a catalogue: between two revisions of the table, and as rules already written
 * come into or go out of force (section 4.6 of the specification). The catalogue is read as a check
 * reads it; the report comes in the formats of a check's.
 */
@Path("/api/v1/impact")
@Tag(name = "Catalogue checks")
@Produces({
  MediaType.APPLICATION_JSON,
  MediaType.APPLICATION_XML,
  "application/sarif+json",
  MediaType.TEXT_PLAIN
})
@APIResponse(
    responseCode = "200",
    description = "Every product x market whose status changes, in the chosen format",
    content = {
      @Content(
          mediaType = MediaType.APPLICATION_JSON,
          schema = @Schema(implementation = ImpactReport.class)),
      @Content(
          mediaType = MediaType.APPLICATION_XML,
          schema =
              @Schema(
                  type = SchemaType.STRING,
                  description =
                      "JUnit XML: one test case per change, failing when it makes a"
                          + " result fail")),
      @Content(
          mediaType = "application/sarif+json",
          schema =
              @Schema(
                  type = SchemaType.OBJECT,
                  description = "A SARIF 2.1.0 log, a result per change")),
      @Content(
          mediaType = MediaType.TEXT_PLAIN,
          schema =
              @Schema(
                  type = SchemaType.STRING,
                  description = "A text report, or GitHub workflow annotations (format=github)"))
    })
@APIResponse(
    responseCode = "400",
    description =
        "Malformed catalogue, an unknown code, revision or policy, or dates out of order; errors"
            + " names each",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "413",
    description = "Over the configured products or combinations per request",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ImpactResource {
  /** How far ahead an impact looks when no end is given: the changes already scheduled. */
  static final int DEFAULT_DAYS_AHEAD = 90;

  private final CurrentTable current;
  private final RulesetStore store;
  private final ExoregConfig config;
  private final ObjectMapper json;
  private final Clock clock;
  private final String version;
  // past revisions, rebuilt from the store, are asked for again and again by the same clients
  private final Cache<Long, RuleTable> revisions = Caffeine.newBuilder().maximumSize(4).build();

  public ImpactResource(
      CurrentTable current,
      RulesetStore store,
      ExoregConfig config,
      ObjectMapper json,
      Clock clock,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version) {
    this.current = current;
    this.store = store;
    this.config = config;
    this.json = json;
    this.clock = clock;
    this.version = version;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "catalogueImpact",
      summary = "What changes for a catalogue between two revisions, or as scheduled rules apply",
      description =
          "From the current revision today to the current revision in 90 days when no bound is"
              + " given: the changes already scheduled by effectiveFrom and effectiveTo. A"
              + " revision given alone compares it on the from date; a date given alone is read"
              + " at the current revision.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Catalogue.class)))
  public Response impactJson(
      InputStream body,
      @Parameter(description = "The revision to compare from; the current one when omitted")
          @QueryParam("fromRevision")
          String fromRevision,
      @Parameter(description = "The revision to compare to; the current one when omitted")
          @QueryParam("toRevision")
          String toRevision,
      @Parameter(
              description = "The day to compare from, YYYY-MM-DD; the catalogue's at, else today",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("fromDate")
          String fromDate,
      @Parameter(
              description =
                  "The last day to look at, YYYY-MM-DD; 90 days after the from date when neither"
                      + " it nor toRevision is given, else the from date",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("toDate")
          String toDate,
      @Parameter(description = "A policy's id, on top of the law at both points")
          @QueryParam("policy")
          String policy,
      @Parameter(
              description = "A change into this status or a more severe one fails; UNKNOWN",
              schema = @Schema(implementation = Status.class))
          @QueryParam("failOn")
          String failOn,
      @Parameter(
              description = "A change into this status or a more severe one warns; RESTRICTED",
              schema = @Schema(implementation = Status.class))
          @QueryParam("warnOn")
          String warnOn,
      @Parameter(
              description = "The report's format; else chosen by Accept, else json",
              schema = @Schema(implementation = ReportFormat.class))
          @QueryParam("format")
          String format,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    return impact(
        new Bounds(fromRevision, toRevision, fromDate, toDate),
        policy,
        failOn,
        warnOn,
        format,
        headers,
        uri,
        (reader, today) -> reader.json(body, null, today));
  }

  @POST
  @Consumes(CheckResource.CSV)
  @Operation(summary = "What changes for a catalogue, sent as CSV")
  @RequestBody(
      content = @Content(mediaType = CheckResource.CSV, schema = @Schema(type = SchemaType.STRING)))
  public Response impactCsv(
      InputStream body,
      @QueryParam("fromRevision") String fromRevision,
      @QueryParam("toRevision") String toRevision,
      @QueryParam("fromDate") String fromDate,
      @QueryParam("toDate") String toDate,
      @QueryParam("policy") String policy,
      @QueryParam("failOn") String failOn,
      @QueryParam("warnOn") String warnOn,
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    Charset charset = Inputs.charset(headers.getMediaType());
    return impact(
        new Bounds(fromRevision, toRevision, fromDate, toDate),
        policy,
        failOn,
        warnOn,
        format,
        headers,
        uri,
        (reader, today) -> reader.csv(new InputStreamReader(body, charset), null, today));
  }

  /** The bounds as asked, unread. */
  private record Bounds(String fromRevision, String toRevision, String fromDate, String toDate) {}

  private Response impact(
      Bounds bounds,
      String policyId,
      String failOn,
      String warnOn,
      String formatName,
      HttpHeaders headers,
      UriInfo uri,
      BiFunction<CatalogueReader, LocalDate, CheckInput> read) {
    long started = System.nanoTime();
    RuleTable now = current.require();
    Inputs inputs = new Inputs(now);
    Status fail = inputs.status("failOn", failOn, Status.UNKNOWN);
    Status warn = inputs.status("warnOn", warnOn, Status.RESTRICTED);
    ReportFormat format = CheckResource.format(inputs, formatName, headers);
    Policy policy = inputs.policy("policy", policyId);
    RuleTable from = table(inputs, "fromRevision", bounds.fromRevision(), now);
    RuleTable to = table(inputs, "toRevision", bounds.toRevision(), now);
    LocalDate today = LocalDate.now(clock);
    LocalDate fromDay = inputs.date("fromDate", bounds.fromDate(), null);
    LocalDate toDay = inputs.date("toDate", bounds.toDate(), null);
    inputs.check();
    CatalogueReader reader = CatalogueReader.of(now, config);
    CheckInput input = read.apply(reader, today);
    LocalDate start = fromDay != null ? fromDay : input.at();
    LocalDate end =
        toDay != null
            ? toDay
            : bounds.toRevision() == null ? start.plusDays(DEFAULT_DAYS_AHEAD) : start;
    if (end.isBefore(start)) {
      inputs.fail("toDate", end + " is before the from date " + start + "; give a later day");
      inputs.check();
    }
    ImpactReport report =
        ImpactAnalysis.analyse(
            input,
            new ImpactAnalysis.Point(from, start),
            new ImpactAnalysis.Point(to, end),
            policy == null ? null : policy.id(),
            fail,
            warn);
    Producer producer = new Producer(version, uri.getBaseUri().resolve("/"));
    StreamingOutput body = out -> ImpactFormats.write(report, format, producer, out, json);
    return Response.ok(body, format.mediaType() + ";charset=UTF-8")
        .header(
            "Server-Timing",
            "impact;dur=%.1f;desc=\"read and compare\""
                .formatted((System.nanoTime() - started) / 1e6))
        .build();
  }

  /** The table at the revision a parameter names: the current one when it names none. */
  private RuleTable table(Inputs inputs, String field, String value, RuleTable now) {
    if (value == null || value.isBlank()) {
      return now;
    }
    int revision = inputs.integer(field, value, -1, 1, Integer.MAX_VALUE);
    if (revision < 1) {
      return now;
    }
    if (revision == now.revision()) {
      return now;
    }
    if (revision > now.revision()) {
      inputs.fail(
          field, "there is no revision " + revision + "; the table is at " + now.revision());
      return now;
    }
    RuleTable kept = revisions.getIfPresent((long) revision);
    if (kept != null) {
      return kept;
    }
    return store
        .bundleAt(revision)
        .map(
            bundle -> {
              RuleTable table = Rulesets.validate(bundle, revision);
              revisions.put((long) revision, table);
              return table;
            })
        .orElseGet(
            () -> {
              inputs.fail(
                  field,
                  "revision " + revision + " cannot be rebuilt: it predates the kept changes");
              return now;
            });
  }
}
