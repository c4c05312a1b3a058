package io.exoreg.edit;

import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.store.RulesetStore;
import io.exoreg.store.RulesetStore.RecordedChange;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: every committed change, with its revision, time, actor, before and after. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Changes")
public class ChangeResource {
  static final int MAX_PAGE_SIZE = 1000;

  private final RulesetStore store;

  public ChangeResource(RulesetStore store) {
    this.store = store;
  }

  /** One page of the change feed; ask again with the next page until {@code hasMore} is false. */
  public record ChangePage(
      long since,
      int page,
      int size,
      long total,
      boolean hasMore,
      long rulesetRevision,
      List<RecordedChange> changes) {}

  @GET
  @Path("/changes")
  @Operation(summary = "Every change after a revision, oldest first, paged")
  @APIResponse(responseCode = "200", description = "A page of changes")
  @APIResponse(
      responseCode = "400",
      description = "A malformed parameter",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ChangePage changes(
      @Parameter(
              description = "Revision to list changes after; 0 (everything) when omitted",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
          @QueryParam("since")
          String since,
      @Parameter(
              description = "Page number, from 0",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
          @QueryParam("page")
          String page,
      @Parameter(
              description = "Changes per page, 1 to 1000; 100 when omitted",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
          @QueryParam("size")
          String size) {
    Inputs inputs = new Inputs(null);
    long after = inputs.integer("since", since, 0, 0, Integer.MAX_VALUE);
    int pageNumber = inputs.integer("page", page, 0, 0, Integer.MAX_VALUE);
    int pageSize = inputs.integer("size", size, 100, 1, MAX_PAGE_SIZE);
    if ((long) pageNumber * pageSize > Integer.MAX_VALUE) {
      inputs.fail("page", "is beyond the end of any feed; ask with a later since instead");
    }
    inputs.check();
    RulesetStore.ChangePage read = store.changesSince(after, pageNumber, pageSize);
    return new ChangePage(
        after,
        pageNumber,
        pageSize,
        read.total(),
        (long) (pageNumber + 1) * pageSize < read.total(),
        read.revision(),
        read.changes());
  }
}
