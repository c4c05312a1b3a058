package io.exoreg.edit;

import io.exoreg.decision.RuleTable;
import io.exoreg.http.Accept;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.BundleEdits;
import io.exoreg.ruleset.Change;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.RulesCsv;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.ruleset.TableEdit;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RulesetStore;
import io.exoreg.store.RulesetStore.Commit;
import io.exoreg.store.RulesetStore.Preview;
import jakarta.annotation.security.RolesAllowed;
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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
  private final RulesetStore store;
  private final CurrentTable current;

  public RulesetResource(RulesetStore store, CurrentTable current) {
    this.store = store;
    this.current = current;
  }

  /**
   * The most changes an applied import answers with in full; past it, the answer counts them and
   * names the change feed, which pages through the same changes.
   */
  static final int MAX_DIFF_IN_ANSWER = ChangeResource.MAX_PAGE_SIZE;

  /** What an import did or, in a dry run, would do. */
  public record ImportResult(
      @Schema(enumeration = {"replace", "merge"}) String mode,
      boolean dryRun,
      boolean applied,
      long rulesetRevision,
      int changes,
      @Schema(
              description =
                  "How many entries of each kind (rule, jurisdiction, policy...) each action"
                      + " (added, changed, removed) touched")
          Map<String, Map<String, Integer>> counts,
      @Schema(
              nullable = true,
              description =
                  "The changes by action: added, changed, removed. A dry run always has it; an"
                      + " applied import has it up to "
                      + MAX_DIFF_IN_ANSWER
                      + " changes, and null past them: read changesFeed instead")
          Map<String, List<Change>> diff,
      @Schema(
              nullable = true,
              description =
                  "For an applied import, the change feed from its revision on, which lists its"
                      + " changes first; null for a dry run or an import that changed nothing")
          String changesFeed) {

    static ImportResult of(
        String mode, boolean dryRun, boolean applied, long revision, List<Change> changes) {
      boolean whole = dryRun || changes.size() <= MAX_DIFF_IN_ANSWER;
      return new ImportResult(
          mode,
          dryRun,
          applied,
          revision,
          changes.size(),
          counted(changes),
          whole ? grouped(changes) : null,
          applied ? "/api/v1/changes?since=" + (revision - 1) : null);
    }
  }

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
      return Response.ok(RulesCsv.write(bundle), "text/csv;charset=UTF-8")
          .header(EntryResource.REVISION_HEADER, at)
          .build();
    }
    return Response.ok(bundle, MediaType.APPLICATION_JSON)
        .header(EntryResource.REVISION_HEADER, at)
        .build();
  }

  @POST
  @RolesAllowed(Scopes.LAW)
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
    Options options = options(mode, dryRun, "replace");
    if (incoming == null) {
      throw new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
    }
    return apply(
        options,
        Caller.of(request),
        "a bundle",
        table -> options.merge() ? BundleEdits.merge(Rulesets.toBundle(table), incoming) : incoming,
        refused -> refused);
  }

  @POST
  @RolesAllowed(Scopes.LAW)
  @Consumes(RulesCsv.MEDIA_TYPE)
  @Produces(MediaType.APPLICATION_JSON)
  @SecurityRequirement(name = "apiKey")
  @Operation(
      summary = "Import rules from CSV, as the export with Accept: text/csv writes them",
      description =
          "The header names the columns id, ingredient, jurisdiction, source, deliveryMethod, status, conditions (one a line within the cell), legalInstrument, legalProvision, legalUrl, references (separated by spaces), effectiveFrom, effectiveTo, confidence, verifiedOn, notes. mode=merge (default) adds and replaces the rules with those ids and keeps the rest; mode=replace makes these the table's only rules and keeps its vocabularies. A bad cell is refused by its line and column; nothing is written.")
  @RequestBody(
      content =
          @Content(mediaType = RulesCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "200",
      description = "The diff, applied or not",
      content = @Content(schema = @Schema(implementation = ImportResult.class)))
  @APIResponse(
      responseCode = "400",
      description = "A line breaks the format or a validation rule; errors names line and column",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ImportResult importCsv(
      InputStream body,
      @Parameter(description = "merge (default) or replace") @QueryParam("mode") String mode,
      @Parameter(description = "true to see the diff without applying it") @QueryParam("dryRun")
          String dryRun,
      @Context HttpHeaders headers,
      @Context ContainerRequestContext request) {
    Options options = options(mode, dryRun, "merge");
    Charset charset = Inputs.charset(headers.getMediaType());
    RulesCsv.Rows rows = RulesCsv.read(new InputStreamReader(body, charset));
    Function<RuleTable, Bundle> result =
        table ->
            options.merge()
                ? BundleEdits.merge(Rulesets.toBundle(table), rows.asBundle())
                : Rulesets.toBundle(table).withRules(rows.rules());
    return apply(
        options,
        Caller.of(request),
        "rules from CSV",
        result,
        refused -> rows.byLine(refused, result.apply(current.require())));
  }

  /** How to import: merge or replace, and whether only to see the diff. */
  private record Options(String mode, boolean dryRun) {
    boolean merge() {
      return mode.equals("merge");
    }
  }

  private static Options options(String mode, String dryRun, String fallback) {
    String how = mode == null || mode.isBlank() ? fallback : mode.strip().toLowerCase(Locale.ROOT);
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
    return new Options(how, dry.equals("true"));
  }

  /**
   * Previews or commits the table that {@code result} makes of the current one (an import of {@code
   * what}, as the history names it); a refusal is passed through {@code explained} first, so that
   * it names what the client sent.
   */
  private ImportResult apply(
      Options options,
      Caller caller,
      String what,
      Function<RuleTable, Bundle> result,
      UnaryOperator<InvalidRulesetException> explained) {
    Function<RuleTable, TableEdit> edit =
        table -> {
          TableEdit made = TableEdit.replacing(table, result.apply(table));
          // an import that adds, changes or removes a policy needs that policy's scope
          made.changes().stream()
              .filter(change -> change.entity().equals(Change.POLICY))
              .forEach(change -> caller.require(Scopes.policy(change.id())));
          return made;
        };
    try {
      if (options.dryRun()) {
        Preview preview = store.preview(edit);
        return ImportResult.of(options.mode(), true, false, preview.revision(), preview.changes());
      }
      Commit commit = store.commit(caller.name(), options.mode() + " import of " + what, edit);
      return ImportResult.of(
          options.mode(), false, commit.applied(), commit.revision(), commit.changes());
    } catch (InvalidRulesetException refused) {
      throw explained.apply(refused);
    }
  }

  private static Map<String, Map<String, Integer>> counted(List<Change> changes) {
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    for (Change.Action action : Change.Action.values()) {
      counts.put(action.name(), new TreeMap<>());
    }
    changes.forEach(c -> counts.get(c.action().name()).merge(c.entity(), 1, Integer::sum));
    return counts;
  }

  private static Map<String, List<Change>> grouped(List<Change> changes) {
    Map<String, List<Change>> grouped = new LinkedHashMap<>();
    for (Change.Action action : Change.Action.values()) {
      grouped.put(action.name(), changes.stream().filter(c -> c.action() == action).toList());
    }
    return grouped;
  }
}
