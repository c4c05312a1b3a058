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
import io.exoreg.store.CurrentTable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    return Snapshots.require(current).jurisdictions().entries().stream()
        .map(JurisdictionView::of)
        .toList();
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
  public JurisdictionDetail jurisdiction(@PathParam("code") String code) {
    RuleTable table = Snapshots.require(current);
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
    return new JurisdictionDetail(
        j.code(),
        j.name(),
        j.parent(),
        j.regulator(),
        j.notes(),
        j.aliases(),
        tree.chain(j.code()),
        tree.children(j.code()),
        rules);
  }

  @GET
  @Path("/ingredients")
  @Operation(summary = "Every ingredient")
  public List<NodeView> ingredients() {
    return nodes(Snapshots.require(current).ingredients());
  }

  @GET
  @Path("/sources")
  @Operation(summary = "The source tree, as parent links")
  public List<NodeView> sources() {
    return nodes(Snapshots.require(current).sources());
  }

  @GET
  @Path("/delivery-methods")
  @Operation(summary = "The delivery-method tree, as parent links")
  public List<NodeView> deliveryMethods() {
    return nodes(Snapshots.require(current).deliveryMethods());
  }

  private static List<NodeView> nodes(Tree<Node> tree) {
    return tree.entries().stream().map(NodeView::of).toList();
  }
}
