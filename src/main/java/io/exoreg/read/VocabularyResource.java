package io.exoreg.read;

import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.Node;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Tree;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.ProblemException;
import io.exoreg.read.Views.JurisdictionDetail;
import io.exoreg.read.Views.JurisdictionView;
import io.exoreg.read.Views.NodeView;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.store.CurrentTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The table's vocabularies: jurisdictions, ingredients, sources and delivery methods. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Vocabularies")
public class VocabularyResource {
  private final CurrentTable current;

  public VocabularyResource(CurrentTable current) {
    this.current = current;
  }

  @GET
  @Path("/jurisdictions")
  @Operation(summary = "Every jurisdiction with its parent, regulator and aliases")
  public List<JurisdictionView> jurisdictions() {
    return current.require().jurisdictions().entries().stream().map(JurisdictionView::of).toList();
  }

  @GET
  @Path("/jurisdictions/{code}")
  @Operation(
      summary = "One jurisdiction, by code or alias in any case, with its chain and children")
  @APIResponse(responseCode = "200", description = "The jurisdiction")
  @APIResponse(
      responseCode = "404",
      description = "No jurisdiction has that code or alias",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<JurisdictionDetail> jurisdiction(
      @PathParam("code") String code, @Context Request request) {
    RuleTable table = current.require();
    Tree<Jurisdiction> tree = table.jurisdictions();
    Jurisdiction j =
        tree.find(code)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "No jurisdiction "
                            + Inputs.quote(code)
                            + "; the valid codes are listed at GET /api/v1/jurisdictions"));
    int rules = (int) table.rules().stream().filter(r -> r.jurisdiction().equals(j.code())).count();
    return EntityResponses.tagged(
        request,
        table,
        Kind.JURISDICTION,
        j.code(),
        () ->
            new JurisdictionDetail(
                j.code(),
                j.name(),
                j.parent(),
                j.regulator(),
                j.notes(),
                j.aliases(),
                tree.chain(j.code()),
                tree.children(j.code()),
                rules));
  }

  @GET
  @Path("/ingredients")
  @Operation(summary = "Every ingredient")
  public List<NodeView> ingredients() {
    return nodes(current.require().ingredients());
  }

  @GET
  @Path("/sources")
  @Operation(summary = "The source tree, as parent links")
  public List<NodeView> sources() {
    return nodes(current.require().sources());
  }

  @GET
  @Path("/delivery-methods")
  @Operation(summary = "The delivery-method tree, as parent links")
  public List<NodeView> deliveryMethods() {
    return nodes(current.require().deliveryMethods());
  }

  @GET
  @Path("/ingredients/{id}")
  @Operation(summary = "One ingredient, by id or alias in any case")
  @APIResponse(responseCode = "200", description = "The ingredient")
  @APIResponse(
      responseCode = "404",
      description = "No ingredient has that id or alias",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<NodeView> ingredient(@PathParam("id") String id, @Context Request request) {
    return node(request, Kind.INGREDIENT, RuleTable::ingredients, id, "/api/v1/ingredients");
  }

  @GET
  @Path("/sources/{id}")
  @Operation(summary = "One source, by id or alias in any case")
  @APIResponse(responseCode = "200", description = "The source")
  @APIResponse(
      responseCode = "404",
      description = "No source has that id or alias",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<NodeView> source(@PathParam("id") String id, @Context Request request) {
    return node(request, Kind.SOURCE, RuleTable::sources, id, "/api/v1/sources");
  }

  @GET
  @Path("/delivery-methods/{id}")
  @Operation(summary = "One delivery method, by id or alias in any case")
  @APIResponse(responseCode = "200", description = "The delivery method")
  @APIResponse(
      responseCode = "404",
      description = "No delivery method has that id or alias",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public RestResponse<NodeView> deliveryMethod(
      @PathParam("id") String id, @Context Request request) {
    return node(
        request, Kind.DELIVERY_METHOD, RuleTable::deliveryMethods, id, "/api/v1/delivery-methods");
  }

  private RestResponse<NodeView> node(
      Request request,
      Kind kind,
      Function<RuleTable, Tree<Node>> vocabulary,
      String id,
      String listing) {
    RuleTable table = current.require();
    Node node =
        vocabulary
            .apply(table)
            .find(id)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "No "
                            + kind.noun
                            + " "
                            + Inputs.quote(id)
                            + "; the valid values are listed at GET "
                            + listing));
    return EntityResponses.tagged(request, table, kind, node.id(), () -> NodeView.of(node));
  }

  private static List<NodeView> nodes(Tree<Node> tree) {
    return tree.entries().stream().map(NodeView::of).toList();
  }
}
