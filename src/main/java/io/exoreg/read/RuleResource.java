package io.exoreg.read;

import static io.exoreg.problem.Inputs.Vocabulary.DELIVERY_METHOD;
import static io.exoreg.problem.Inputs.Vocabulary.INGREDIENT;
import static io.exoreg.problem.Inputs.Vocabulary.JURISDICTION;
import static io.exoreg.problem.Inputs.Vocabulary.SOURCE;

import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.ProblemException;
import io.exoreg.read.Views.RulePage;
import io.exoreg.read.Views.RuleView;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.store.CurrentTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The rules themselves, filtered and paged, with their citations. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules")
public class RuleResource {
  static final int MAX_PAGE_SIZE = 500;

  private final CurrentTable current;

  public RuleResource(CurrentTable current) {
    this.current = current;
  }

  @GET
  @Path("/rules")
  @Operation(
      summary = "Rules, filtered and paged",
      description =
          "A filter on a node matches the rules written for exactly that node; at keeps the rules in force that day.")
  @APIResponse(responseCode = "200", description = "One page of rules, in table order")
  @APIResponse(
      responseCode = "400",
      description = "A filter is unknown or malformed; errors names each",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RulePage rules(
      @Parameter(description = "Jurisdiction code or alias") @QueryParam("jurisdiction")
          String jurisdiction,
      @Parameter(description = "Ingredient id or alias") @QueryParam("ingredient")
          String ingredient,
      @Parameter(description = "Source id or alias") @QueryParam("source") String source,
      @Parameter(description = "Delivery method id or alias") @QueryParam("deliveryMethod")
          String deliveryMethod,
      @Parameter(description = "PERMITTED, RESTRICTED, UNKNOWN, NOT_APPROVED or PROHIBITED")
          @QueryParam("status")
          String status,
      @Parameter(description = "Only rules in force on this day, YYYY-MM-DD") @QueryParam("at")
          String at,
      @Parameter(
              description = "Page number, from 0",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
          @QueryParam("page")
          String page,
      @Parameter(
              description = "Rules per page, 1 to 500; 50 when omitted",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
          @QueryParam("size")
          String size) {
    RuleTable table = current.require();
    Inputs inputs = new Inputs(table);
    String jurisdictionId = inputs.code(JURISDICTION, "jurisdiction", jurisdiction, false);
    String ingredientId = inputs.code(INGREDIENT, "ingredient", ingredient, false);
    String sourceId = inputs.code(SOURCE, "source", source, false);
    String methodId = inputs.code(DELIVERY_METHOD, "deliveryMethod", deliveryMethod, false);
    Status statusFilter = inputs.status("status", status, null);
    LocalDate day = inputs.date("at", at, null);
    int pageNumber = inputs.integer("page", page, 0, 0, Integer.MAX_VALUE);
    int pageSize = inputs.integer("size", size, 50, 1, MAX_PAGE_SIZE);
    inputs.check();
    Predicate<Rule> filter =
        rule ->
            (jurisdictionId == null || rule.jurisdiction().equals(jurisdictionId))
                && (ingredientId == null || rule.ingredient().equals(ingredientId))
                && (sourceId == null || rule.source().equals(sourceId))
                && (methodId == null || rule.deliveryMethod().equals(methodId))
                && (statusFilter == null || rule.status() == statusFilter)
                && (day == null || rule.inForceOn(day));
    List<Rule> matching = table.rules().stream().filter(filter).toList();
    List<RuleView> pageOfRules =
        matching.stream()
            .skip((long) pageNumber * pageSize)
            .limit(pageSize)
            .map(rule -> RuleView.of(rule, table))
            .toList();
    int totalPages = (matching.size() + pageSize - 1) / pageSize;
    return new RulePage(
        pageOfRules, pageNumber, pageSize, matching.size(), totalPages, table.revision());
  }

  @GET
  @Path("/rules/{id}")
  @Operation(summary = "One rule by id, with its citations")
  @APIResponse(responseCode = "200", description = "The rule")
  @APIResponse(
      responseCode = "404",
      description = "No rule has that id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<RuleView> rule(@PathParam("id") String id, @Context Request request) {
    RuleTable table = current.require();
    Rule rule =
        table
            .rule(id)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "No rule " + Inputs.quote(id) + "; list the rules at GET /api/v1/rules"));
    return EntityResponses.tagged(
        request, table, Kind.RULE, rule.id(), () -> RuleView.of(rule, table));
  }
}
