package io.exoreg.read;

import static io.exoreg.problem.Inputs.Vocabulary.DELIVERY_METHOD;
import static io.exoreg.problem.Inputs.Vocabulary.INGREDIENT;
import static io.exoreg.problem.Inputs.Vocabulary.JURISDICTION;
import static io.exoreg.problem.Inputs.Vocabulary.SOURCE;

import io.exoreg.decision.Decision;
import io.exoreg.decision.Node;
import io.exoreg.decision.Policy;
import io.exoreg.decision.PolicyDecision;
import io.exoreg.decision.Question;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.metrics.DecisionMetrics;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.read.Views.Matrix;
import io.exoreg.read.Views.MatrixCell;
import io.exoreg.read.Views.StatusAnswer;
import io.exoreg.receipt.Receipts;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Decisions: one question, or a whole jurisdiction's matrix, answered from the snapshot. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
@APIResponse(
    responseCode = "400",
    description = "A parameter is missing, unknown or malformed; errors names each",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class StatusResource {
  private static final String POLICY =
      "A policy's id (GET /api/v1/policies): the answer adds the law's own answer (law) and the"
          + " policy's (policy), and its status is the more severe of the two; one policy per"
          + " request";

  private final CurrentTable current;
  private final ExoregConfig config;
  private final Answers answers;
  private final DecisionMetrics metrics;
  private final Receipts receipts;

  public StatusResource(
      CurrentTable current,
      ExoregConfig config,
      Answers answers,
      DecisionMetrics metrics,
      Receipts receipts) {
    this.current = current;
    this.config = config;
    this.answers = answers;
    this.metrics = metrics;
    this.receipts = receipts;
  }

  @GET
  @Path("/status")
  @Operation(
      operationId = "getStatus",
      summary =
          "The regulatory status of an ingredient from a source, delivered one way, in a jurisdiction",
      description =
          "Codes and aliases are accepted in any case; the answer gives canonical codes. A broad"
              + " source or delivery method is answered with the most severe answer over every"
              + " narrower pair it covers, and decidingCases names the pairs it comes from.")
  @APIResponse(
      responseCode = "200",
      description = "The decision with its deciding rules and legal basis",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StatusAnswer.class)))
  @APIResponse(responseCode = "304", description = "The answer the client holds is current")
  @NonBlocking
  public Uni<Response> status(
      @Parameter(description = "Jurisdiction code or alias, e.g. GB, UK, US-FL", required = true)
          @QueryParam("jurisdiction")
          String jurisdiction,
      @Parameter(description = "Source id or alias, e.g. salmon, Bos taurus", required = true)
          @QueryParam("source")
          String source,
      @Parameter(
              description = "Delivery method id or alias, e.g. topical, mesotherapy",
              required = true)
          @QueryParam("deliveryMethod")
          String deliveryMethod,
      @Parameter(
              description =
                  "Ingredient id or alias, e.g. exosome, PN; the configured default ingredient"
                      + " when omitted")
          @QueryParam("ingredient")
          String ingredient,
      @Parameter(
              description = "The day to decide for, YYYY-MM-DD; today (UTC) when omitted",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("at")
          String at,
      @Parameter(
              description =
                  "true adds a signed receipt of the answer (the receipt field); such an answer"
                      + " is sent no-store and never as a 304")
          @QueryParam("receipt")
          String receipt,
      @Parameter(description = POLICY) @QueryParam("policy") String policy,
      @Context HttpHeaders headers) {
    RuleTable table = current.require();
    Inputs inputs = new Inputs(table);
    boolean signed = inputs.flag("receipt", receipt);
    Policy asked = inputs.policy("policy", policy);
    Question question =
        new Question(
            inputs.code(
                INGREDIENT, "ingredient", defaultTo(ingredient, config.defaultIngredient()), true),
            inputs.code(JURISDICTION, "jurisdiction", jurisdiction, true),
            inputs.code(SOURCE, "source", source, true),
            inputs.code(DELIVERY_METHOD, "deliveryMethod", deliveryMethod, true),
            inputs.date("at", at, answers.today()));
    inputs.check();
    if (signed) {
      // Each receipt is issued anew, so it is neither kept nor matched against a held tag; signing
      // costs far more than sending a kept answer, so it runs off the event loop that sends them.
      return Uni.createFrom()
          .item(() -> signed(table, question, asked))
          .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
    String key =
        Answers.statusKey(
            question.ingredient(),
            question.jurisdiction(),
            question.source(),
            question.deliveryMethod(),
            question.at(),
            asked == null ? null : asked.id());
    return Uni.createFrom()
        .item(
            answers.respond(
                answers.answer(
                    table,
                    key,
                    question.at(),
                    () -> {
                      StatusAnswer answer = answer(table, question, asked);
                      return new Answers.Computed(
                          answer,
                          metrics.tally(
                              "status", question.jurisdiction(), Map.of(answer.status(), 1)));
                    }),
                headers));
  }

  private static StatusAnswer answer(RuleTable table, Question question, Policy policy) {
    return policy == null
        ? StatusAnswer.of(table.decide(question), table)
        : StatusAnswer.of(table.decide(question, policy), table);
  }

  private Response signed(RuleTable table, Question question, Policy policy) {
    StatusAnswer answer;
    String receipt;
    if (policy == null) {
      Decision decision = table.decide(question);
      answer = StatusAnswer.of(decision, table);
      receipt = receipts.forStatus(decision, table);
    } else {
      PolicyDecision decision = table.decide(question, policy);
      answer = StatusAnswer.of(decision, table);
      receipt = receipts.forStatus(decision, table);
    }
    metrics.tally("status", question.jurisdiction(), Map.of(answer.status(), 1)).record();
    return Response.ok(
            answer.withReceipt(receipt), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @GET
  @Path("/matrix")
  @Operation(
      operationId = "getMatrix",
      summary = "The decision for every source x every delivery method in one jurisdiction")
  @APIResponse(
      responseCode = "200",
      description = "The jurisdiction's matrix",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Matrix.class)))
  @APIResponse(responseCode = "304", description = "The matrix the client holds is current")
  @NonBlocking
  public Response matrix(
      @Parameter(description = "Jurisdiction code or alias", required = true)
          @QueryParam("jurisdiction")
          String jurisdiction,
      @Parameter(
              description =
                  "Ingredient id or alias, e.g. exosome, PN; the configured default ingredient"
                      + " when omitted")
          @QueryParam("ingredient")
          String ingredient,
      @Parameter(
              description = "The day to decide for, YYYY-MM-DD; today (UTC) when omitted",
              schema = @Schema(type = SchemaType.STRING, format = "date"))
          @QueryParam("at")
          String at,
      @Parameter(description = POLICY) @QueryParam("policy") String policy,
      @Context HttpHeaders headers) {
    RuleTable table = current.require();
    Inputs inputs = new Inputs(table);
    String ingredientId =
        inputs.code(
            INGREDIENT, "ingredient", defaultTo(ingredient, config.defaultIngredient()), true);
    String code = inputs.code(JURISDICTION, "jurisdiction", jurisdiction, true);
    LocalDate day = inputs.date("at", at, answers.today());
    Policy asked = inputs.policy("policy", policy);
    inputs.check();
    String key =
        String.join(":", "matrix", ingredientId, code, day.toString())
            + (asked == null ? "" : ":policy:" + asked.id());
    return answers.respond(
        answers.answer(table, key, day, () -> matrix(table, ingredientId, code, day, asked)),
        headers);
  }

  private Answers.Computed matrix(
      RuleTable table, String ingredientId, String code, LocalDate day, Policy policy) {
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    List<MatrixCell> cells = new ArrayList<>();
    Map<String, RuleEntry> deciding = new LinkedHashMap<>();
    for (Node source : table.sources().entries()) {
      for (Node method : table.deliveryMethods().entries()) {
        Question question = new Question(ingredientId, code, source.id(), method.id(), day);
        MatrixCell cell;
        List<Rule> rules;
        if (policy == null) {
          Decision decision = table.decide(question);
          cell = MatrixCell.of(decision, table);
          rules = decision.decidingRules();
        } else {
          PolicyDecision decision = table.decide(question, policy);
          cell = MatrixCell.of(decision, table);
          rules = decision.decidingRules();
        }
        cells.add(cell);
        byStatus.merge(cell.status(), 1, Integer::sum);
        for (Rule rule : rules) {
          deciding.computeIfAbsent(rule.id(), id -> Rulesets.document(rule, table));
        }
      }
    }
    Matrix matrix =
        new Matrix(
            ingredientId,
            code,
            day,
            table.coverage(ingredientId, code).word(),
            table.sources().entries().stream().map(Node::id).toList(),
            table.deliveryMethods().entries().stream().map(Node::id).toList(),
            cells,
            List.copyOf(deciding.values()),
            table.revision(),
            policy == null ? null : policy.id());
    return new Answers.Computed(matrix, metrics.tally("matrix", code, byStatus));
  }

  private static String defaultTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
