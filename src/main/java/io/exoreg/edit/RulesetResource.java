package io.exoreg.edit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.exoreg.decision.RuleTable;
import io.exoreg.http.Accept;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits;
import io.exoreg.ruleset.Change;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.ruleset.TableEdit;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RulesetStore;
import io.exoreg.store.RulesetStore.Commit;
import io.exoreg.store.RulesetStore.Preview;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole table in and out: import a bundle as one revision, export it now or as it was. */
@Path("/api/v1/ruleset")
@Tag(name = "Editing")
public class RulesetResource {
  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema RULES_CSV =
      CsvSchema.builder()
          .addColumn("id")
          .addColumn("ingredient")
          .addColumn("jurisdiction")
          .addColumn("source")
          .addColumn("deliveryMethod")
          .addColumn("status")
          .addColumn("conditions")
          .addColumn("legalInstrument")
          .addColumn("legalProvision")
          .addColumn("legalUrl")
          .addColumn("references")
          .addColumn("effectiveFrom")
          .addColumn("effectiveTo")
          .addColumn("confidence")
          .addColumn("verifiedOn")
          .addColumn("notes")
          .build()
          .withHeader();

  private final RulesetStore store;
  private final CurrentTable current;

  public RulesetResource(RulesetStore store, CurrentTable current) {
    this.store = store;
    this.current = current;
  }

  /** What an import did or, in a dry run, would do. */
  public record ImportResult(
      @Schema(enumeration = {"replace", "merge"}) String mode,
      boolean dryRun,
      boolean applied,
      long rulesetRevision,
      int changes,
      @Schema(description = "The changes by action: added, changed, removed")
          Map<String, List<Change>> diff) {}

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(
      operationId = "exportRuleset",
      summary = "Export the table as a bundle, or its rules as CSV (Accept: text/csv)",
      description = "revision=N gives the table as it was at revision N.")
  @APIResponse(
      responseCode = "200",
      description = "The bundle, or its rules as CSV",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bundle.class)),
        @Content(
            mediaType = "text/csv",
            schema =
                @Schema(
                    type = SchemaType.STRING,
                    description =
                        "One line per rule: id, ingredient, jurisdiction, source, deliveryMethod,"
                            + " status, conditions, legalInstrument, legalProvision, legalUrl,"
                            + " references, effectiveFrom, effectiveTo, confidence, verifiedOn,"
                            + " notes"))
      })
  @APIResponse(
      responseCode = "404",
      description = "No such revision",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response export(
      @Parameter(
              description = "A past revision; the current one when omitted",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam("revision")
          String revision,
      @Context HttpHeaders headers) {
    Bundle bundle;
    long at;
    if (revision == null || revision.isBlank()) {
      var table = current.require();
      bundle = Rulesets.toBundle(table);
      at = table.revision();
    } else {
      Inputs inputs = new Inputs(null);
      at = inputs.integer("revision", revision, 0, 1, Integer.MAX_VALUE);
      inputs.check();
      long wanted = at;
      bundle =
          store
              .bundleAt(wanted)
              .orElseThrow(
                  () ->
                      ProblemException.notFound(
                          "No revision "
                              + wanted
                              + "; the current one is in every answer's rulesetRevision"));
    }
    Accept accept = Accept.of(headers.getRequestHeader(HttpHeaders.ACCEPT));
    boolean csv = accept.weight("text/csv") > accept.weight(MediaType.APPLICATION_JSON);
    if (csv) {
      return Response.ok(csv(bundle), "text/csv;charset=UTF-8")
          .header(EntryResource.REVISION_HEADER, at)
          .build();
    }
    return Response.ok(bundle, MediaType.APPLICATION_JSON)
        .header(EntryResource.REVISION_HEADER, at)
        .build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @SecurityRequirement(name = "apiKey")
  @Operation(
      operationId = "importRuleset",
      summary = "Import a bundle in one transaction",
      description =
          "mode=replace makes the bundle the whole table; mode=merge adds and replaces the bundle's entries and keeps the rest. dryRun=true returns the diff and applies nothing. A bundle that changes nothing makes no revision.")
  @RequestBody(content = @Content(schema = @Schema(implementation = Bundle.class)))
  @APIResponse(
      responseCode = "200",
      description = "The diff, applied or not",
      content = @Content(schema = @Schema(implementation = ImportResult.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "The bundle breaks a validation rule; errors names each offending entry; nothing is written",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "401",
      description = "No valid API key",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ImportResult importBundle(
      Bundle incoming,
      @Parameter(
              description = "replace (the default) or merge",
              schema =
                  @Schema(
                      enumeration = {"replace", "merge"},
                      defaultValue = "replace"))
          @QueryParam("mode")
          String mode,
      @Parameter(
              description = "true to see the diff without applying it",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("dryRun")
          String dryRun,
      @Context ContainerRequestContext request) {
    String how = mode == null || mode.isBlank() ? "replace" : mode.strip().toLowerCase(Locale.ROOT);
    List<Problem.FieldError> errors = new ArrayList<>();
    if (!how.equals("replace") && !how.equals("merge")) {
      errors.add(new Problem.FieldError("mode", Inputs.quote(mode) + " is not replace or merge"));
    }
    String dry = dryRun == null ? "false" : dryRun.strip().toLowerCase(Locale.ROOT);
    if (!dry.equals("true") && !dry.equals("false")) {
      errors.add(new Problem.FieldError("dryRun", Inputs.quote(dryRun) + " is not true or false"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    if (incoming == null) {
      throw new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
    }
    Function<RuleTable, TableEdit> edit =
        how.equals("merge")
            ? table ->
                TableEdit.replacing(table, BundleEdits.merge(Rulesets.toBundle(table), incoming))
            : table -> TableEdit.replacing(table, incoming);
    if (dry.equals("true")) {
      Preview preview = store.preview(edit);
      List<Change> diff = preview.changes();
      return new ImportResult(how, true, false, preview.revision(), diff.size(), grouped(diff));
    }
    Commit commit = store.commit(Caller.of(request).name(), how + " import of a bundle", edit);
    return new ImportResult(
        how,
        false,
        commit.applied(),
        commit.revision(),
        commit.changes().size(),
        grouped(commit.changes()));
  }

  private static Map<String, List<Change>> grouped(List<Change> changes) {
    Map<String, List<Change>> grouped = new LinkedHashMap<>();
    for (Change.Action action : Change.Action.values()) {
      grouped.put(action.name(), changes.stream().filter(c -> c.action() == action).toList());
    }
    return grouped;
  }

  private static String csv(Bundle bundle) {
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
      return CSV.writer(RULES_CSV).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The rules could not be written as CSV", e);
    }
  }
}
