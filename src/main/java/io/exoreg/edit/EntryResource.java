package io.exoreg.edit;

import static io.exoreg.problem.Inputs.Vocabulary.DELIVERY_METHOD;
import static io.exoreg.problem.Inputs.Vocabulary.INGREDIENT;
import static io.exoreg.problem.Inputs.Vocabulary.JURISDICTION;
import static io.exoreg.problem.Inputs.Vocabulary.SOURCE;

import io.exoreg.decision.Jurisdiction;
import io.exoreg.decision.Node;
import io.exoreg.decision.Policy;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.decision.Tree;
import io.exoreg.decision.TreeEntry;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.ruleset.Change;
import io.exoreg.ruleset.EntityTags;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RulesetStore;
import io.exoreg.store.RulesetStore.RecordedChange;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The entries of the table one at a time, in one shape for reading and writing: what {@code GET}
 * answers goes back with {@code PUT} unchanged, its read-only fields ignored. Reads come from the
 * snapshot and carry the entry's own strong {@code ETag}; writes answer with the entry as stored,
 * its new tag and the revision they made ({@code Exoreg-Revision}); PUT and DELETE need {@code
 * If-Match}. One subclass per kind gives the path, the body's type and the listing.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class EntryResource<T> {
  public static final String REVISION_HEADER = "Exoreg-Revision";

  final CurrentTable current;
  private final Editor editor;
  private final Kind kind;
  private final String listing;

  EntryResource(CurrentTable current, Editor editor, Kind kind, String listing) {
    this.current = current;
    this.editor = editor;
    this.kind = kind;
    this.listing = listing;
  }

  /** The canonical id an id or alias in a path names, if the table has it. */
  abstract Optional<String> resolve(RuleTable table, String id);

  @GET
  @Path("/{id}")
  @Operation(
      summary = "Read one, by id (or for vocabularies an alias in any case)",
      description =
          "The entry in the shape PUT takes back, with the fields the service derives for it"
              + " marked read-only; ETag is the tag If-Match names.")
  @APIResponse(
      responseCode = "200",
      description = "The entry; ETag is its tag",
      headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "404", description = "No entry has that id")
  @Tag(name = "Entries")
  public Response read(
      @Parameter(description = "The entry's id, or for vocabularies an alias in any case")
          @PathParam("id")
          String id,
      @Context Request request) {
    RuleTable table = current.require();
    String found =
        resolve(table, id)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "No "
                            + kind.noun
                            + " "
                            + Inputs.quote(id)
                            + "; the valid ones are listed at GET "
                            + listing));
    EntityTag tag = new EntityTag(EntityTags.of(table, kind, found).orElseThrow());
    Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
    if (unchanged != null) {
      if (unchanged.build().getStatus() == 412) {
        throw new ProblemException(
            412, "If-Match names a tag other than the entry's current " + tag, null);
      }
      return unchanged.tag(tag).build();
    }
    return Response.ok(Rulesets.document(table, kind, found).orElseThrow()).tag(tag).build();
  }

  @POST
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add one; its id must be new")
  @APIResponse(
      responseCode = "201",
      description = "Added; Location names it, ETag is its tag",
      headers = {
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = REVISION_HEADER, schema = @Schema(type = SchemaType.INTEGER))
      })
  @APIResponse(responseCode = "409", description = "An entry with that id exists already")
  @Tag(name = "Editing")
  public Response create(T entry, @Context UriInfo uri, @Context ContainerRequestContext request) {
    Editor.Written written = editor.create(kind, present(entry), Caller.of(request));
    return Response.status(201)
        .location(uri.getAbsolutePathBuilder().path(Editor.idOf(written.entry())).build())
        .tag(new EntityTag(written.etag()))
        .header(REVISION_HEADER, written.revision())
        .entity(written.entry())
        .build();
  }

  @PUT
  @Authenticated
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace one (If-Match required)",
      description =
          "Send what GET of the entry answered, edited, with its ETag in If-Match; the read-only"
              + " fields are ignored, and the id must stay the path's.")
  @APIResponse(
      responseCode = "200",
      description = "Replaced; ETag is its new tag",
      headers = {
        @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
        @Header(name = REVISION_HEADER, schema = @Schema(type = SchemaType.INTEGER))
      })
  @Tag(name = "Editing")
  public Response replace(
      @Parameter(description = "The entry's id, or for vocabularies an alias in any case")
          @PathParam("id")
          String id,
      T entry,
      @Parameter(description = "The ETag of the entry as read") @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Context ContainerRequestContext request) {
    Editor.Written written = editor.replace(kind, id, present(entry), ifMatch, Caller.of(request));
    return Response.ok(written.entry())
        .tag(new EntityTag(written.etag()))
        .header(REVISION_HEADER, written.revision())
        .build();
  }

  @DELETE
  @Authenticated
  @Path("/{id}")
  @Operation(summary = "Delete one that nothing uses (If-Match required)")
  @APIResponse(
      responseCode = "204",
      description = "Deleted",
      headers = @Header(name = REVISION_HEADER, schema = @Schema(type = SchemaType.INTEGER)))
  @APIResponse(
      responseCode = "409",
      description = "Rules or children still use it; errors names each")
  @Tag(name = "Editing")
  public Response delete(
      @Parameter(description = "The entry's id, or for vocabularies an alias in any case")
          @PathParam("id")
          String id,
      @Parameter(description = "The ETag of the entry as read") @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Context ContainerRequestContext request) {
    return Response.noContent()
        .header(REVISION_HEADER, editor.delete(kind, id, ifMatch, Caller.of(request)))
        .build();
  }

  /** An empty body reads as null; a write needs an entry. */
  private static <E> E present(E entry) {
    if (entry == null) {
      throw new InvalidRulesetException("", "the body must be a JSON object, not empty or null");
    }
    return entry;
  }

  /** The rules, filtered and paged, with their citations; and each rule's history. */
  @Path("/api/v1/rules")
  public static class Rules extends EntryResource<RuleEntry> {
    static final int MAX_PAGE_SIZE = 500;

    private final RulesetStore store;

    public Rules(CurrentTable current, Editor editor, RulesetStore store) {
      super(current, editor, Kind.RULE, "/api/v1/rules");
      this.store = store;
    }

    @Override
    Optional<String> resolve(RuleTable table, String id) {
      return table.rule(id).map(Rule::id);
    }

    /** One page of {@code GET /rules}; pages count from 0. */
    public record RulePage(
        List<RuleEntry> rules,
        int page,
        int size,
        int totalRules,
        int totalPages,
        long rulesetRevision) {}

    @GET
    @Operation(
        operationId = "listRules",
        summary = "Rules, filtered and paged",
        description =
            "A filter on a node matches the rules written for exactly that node; at keeps the"
                + " rules in force that day.")
    @APIResponse(responseCode = "200", description = "One page of rules, in table order")
    @Tag(name = "Rules")
    public RulePage rules(
        @Parameter(description = "Jurisdiction code or alias") @QueryParam("jurisdiction")
            String jurisdiction,
        @Parameter(description = "Ingredient id or alias") @QueryParam("ingredient")
            String ingredient,
        @Parameter(description = "Source id or alias") @QueryParam("source") String source,
        @Parameter(description = "Delivery method id or alias") @QueryParam("deliveryMethod")
            String deliveryMethod,
        @Parameter(
                description = "Only rules of this status",
                schema = @Schema(implementation = Status.class))
            @QueryParam("status")
            String status,
        @Parameter(
                description = "Only rules in force on this day, YYYY-MM-DD",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("at")
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
      List<RuleEntry> pageOfRules =
          matching.stream()
              .skip((long) pageNumber * pageSize)
              .limit(pageSize)
              .map(rule -> Rulesets.document(rule, table))
              .toList();
      int totalPages = (matching.size() + pageSize - 1) / pageSize;
      return new RulePage(
          pageOfRules, pageNumber, pageSize, matching.size(), totalPages, table.revision());
    }

    public record History(String id, List<RecordedChange> changes) {}

    @GET
    @Path("/{id}/history")
    @Operation(operationId = "getRuleHistory", summary = "Every change to one rule, oldest first")
    @APIResponse(responseCode = "200", description = "The rule's history")
    @APIResponse(responseCode = "404", description = "No rule with that id was ever recorded")
    @Tag(name = "Changes")
    public History history(@PathParam("id") String id) {
      List<RecordedChange> changes = store.history(Change.RULE, id);
      if (changes.isEmpty()) {
        throw ProblemException.notFound("No rule " + Inputs.quote(id) + " was ever recorded");
      }
      return new History(id, changes);
    }
  }

  /**
   * Policies: a retailer's or brand's own rules on top of the law, each written whole and edited
   * with a key scoped to it ({@code policy:ID}), a law key's edits of the law unaffected.
   */
  @Path("/api/v1/policies")
  public static class Policies extends EntryResource<PolicyEntry> {
    public Policies(CurrentTable current, Editor editor) {
      super(current, editor, Kind.POLICY, "/api/v1/policies");
    }

    @Override
    Optional<String> resolve(RuleTable table, String id) {
      return table.policy(id).map(Policy::id);
    }

    @GET
    @Operation(
        operationId = "listPolicies",
        summary = "Every policy, in table order, with its rules",
        description =
            "Ask with policy=ID on /status, /matrix or /checks for the law's answer and the"
                + " policy's together")
    @Tag(name = "Policies")
    public List<PolicyEntry> list() {
      return current.require().policies().stream().map(Rulesets::entry).toList();
    }
  }

  /**
   * A vocabulary: its entries are named by id or by alias in any case, and listed whole, the trees
   * as parent links.
   */
  abstract static class Vocabulary<T, N extends TreeEntry> extends EntryResource<T> {
    private final Function<RuleTable, Tree<N>> tree;
    private final Function<N, T> shape;

    Vocabulary(
        CurrentTable current,
        Editor editor,
        Kind kind,
        String listing,
        Function<RuleTable, Tree<N>> tree,
        Function<N, T> shape) {
      super(current, editor, kind, listing);
      this.tree = tree;
      this.shape = shape;
    }

    @Override
    Optional<String> resolve(RuleTable table, String id) {
      return tree.apply(table).resolve(id);
    }

    @GET
    @Operation(summary = "Every one, in table order; trees as parent links")
    @Tag(name = "Vocabularies")
    public List<T> list() {
      return tree.apply(current.require()).entries().stream().map(shape).toList();
    }
  }

  @Path("/api/v1/jurisdictions")
  public static class Jurisdictions extends Vocabulary<JurisdictionEntry, Jurisdiction> {
    public Jurisdictions(CurrentTable current, Editor editor) {
      super(
          current,
          editor,
          Kind.JURISDICTION,
          "/api/v1/jurisdictions",
          RuleTable::jurisdictions,
          Rulesets::entry);
    }
  }

  @Path("/api/v1/ingredients")
  public static class Ingredients extends Vocabulary<IngredientEntry, Node> {
    public Ingredients(CurrentTable current, Editor editor) {
      super(
          current,
          editor,
          Kind.INGREDIENT,
          "/api/v1/ingredients",
          RuleTable::ingredients,
          Rulesets::ingredient);
    }
  }

  @Path("/api/v1/sources")
  public static class Sources extends Vocabulary<NodeEntry, Node> {
    public Sources(CurrentTable current, Editor editor) {
      super(current, editor, Kind.SOURCE, "/api/v1/sources", RuleTable::sources, Rulesets::entry);
    }
  }

  @Path("/api/v1/delivery-methods")
  public static class DeliveryMethods extends Vocabulary<NodeEntry, Node> {
    public DeliveryMethods(CurrentTable current, Editor editor) {
      super(
          current,
          editor,
          Kind.DELIVERY_METHOD,
          "/api/v1/delivery-methods",
          RuleTable::deliveryMethods,
          Rulesets::entry);
    }
  }
}
