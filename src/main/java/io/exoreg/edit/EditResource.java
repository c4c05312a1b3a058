package io.exoreg.edit;

import io.exoreg.problem.Problem;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.ruleset.Rulesets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Writes of single entries, in the bundle's shape. Each answers with the entry's new {@code ETag}
 * and the revision it made ({@code Exoreg-Revision}); PUT and DELETE need {@code If-Match}.
 */
@Path("/api/v1")
@RolesAllowed(Scopes.LAW)
@SecurityScheme(
    securitySchemeName = "apiKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An API key: Authorization: Bearer <key>")
@Tag(name = "Editing")
@SecurityRequirement(name = "apiKey")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description =
        "The entry is malformed or breaks a validation rule of the table; errors names each field",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "401",
    description = "No valid API key",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class EditResource {
  static final String REVISION_HEADER = "Exoreg-Revision";

  private final Editor editor;

  public EditResource(Editor editor) {
    this.editor = editor;
  }

  @POST
  @Path("/rules")
  @Operation(summary = "Add a rule")
  @RequestBody(content = @Content(schema = @Schema(implementation = RuleEntry.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = RuleEntry.class)))
  public Response createRule(
      InputStream body, @Context UriInfo uri, @Context ContainerRequestContext request) {
    return created(
        editor.create(Kind.RULE, Rulesets.parseEntry(body, RuleEntry.class), caller(request)), uri);
  }

  @PUT
  @Path("/rules/{id}")
  @Operation(summary = "Replace a rule (If-Match required)")
  @RequestBody(content = @Content(schema = @Schema(implementation = RuleEntry.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = RuleEntry.class)))
  public Response replaceRule(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return ok(
        editor.replace(
            Kind.RULE, id, Rulesets.parseEntry(body, RuleEntry.class), ifMatch, caller(request)));
  }

  @DELETE
  @Path("/rules/{id}")
  @Operation(summary = "Delete a rule (If-Match required)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response deleteRule(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return deleted(editor.delete(Kind.RULE, id, ifMatch, caller(request)));
  }

  @POST
  @Path("/jurisdictions")
  @Operation(summary = "Add a jurisdiction")
  @RequestBody(content = @Content(schema = @Schema(implementation = JurisdictionEntry.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = JurisdictionEntry.class)))
  public Response createJurisdiction(
      InputStream body, @Context UriInfo uri, @Context ContainerRequestContext request) {
    return created(
        editor.create(
            Kind.JURISDICTION, Rulesets.parseEntry(body, JurisdictionEntry.class), caller(request)),
        uri);
  }

  @PUT
  @Path("/jurisdictions/{code}")
  @Operation(summary = "Replace a jurisdiction (If-Match required)")
  @RequestBody(content = @Content(schema = @Schema(implementation = JurisdictionEntry.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = JurisdictionEntry.class)))
  public Response replaceJurisdiction(
      @PathParam("code") String code,
      InputStream body,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return ok(
        editor.replace(
            Kind.JURISDICTION,
            code,
            Rulesets.parseEntry(body, JurisdictionEntry.class),
            ifMatch,
            caller(request)));
  }

  @DELETE
  @Path("/jurisdictions/{code}")
  @Operation(summary = "Delete a jurisdiction no rule or child uses (If-Match required)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response deleteJurisdiction(
      @PathParam("code") String code,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return deleted(editor.delete(Kind.JURISDICTION, code, ifMatch, caller(request)));
  }

  @POST
  @Path("/ingredients")
  @Operation(summary = "Add an ingredient")
  @RequestBody(content = @Content(schema = @Schema(implementation = IngredientEntry.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = IngredientEntry.class)))
  public Response createIngredient(
      InputStream body, @Context UriInfo uri, @Context ContainerRequestContext request) {
    return created(
        editor.create(
            Kind.INGREDIENT, Rulesets.parseEntry(body, IngredientEntry.class), caller(request)),
        uri);
  }

  @PUT
  @Path("/ingredients/{id}")
  @Operation(summary = "Replace an ingredient (If-Match required)")
  @RequestBody(content = @Content(schema = @Schema(implementation = IngredientEntry.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = IngredientEntry.class)))
  public Response replaceIngredient(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return ok(
        editor.replace(
            Kind.INGREDIENT,
            id,
            Rulesets.parseEntry(body, IngredientEntry.class),
            ifMatch,
            caller(request)));
  }

  @DELETE
  @Path("/ingredients/{id}")
  @Operation(summary = "Delete an ingredient no rule uses (If-Match required)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response deleteIngredient(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return deleted(editor.delete(Kind.INGREDIENT, id, ifMatch, caller(request)));
  }

  @POST
  @Path("/sources")
  @Operation(summary = "Add a source")
  @RequestBody(content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  public Response createSource(
      InputStream body, @Context UriInfo uri, @Context ContainerRequestContext request) {
    return created(
        editor.create(Kind.SOURCE, Rulesets.parseEntry(body, NodeEntry.class), caller(request)),
        uri);
  }

  @PUT
  @Path("/sources/{id}")
  @Operation(summary = "Replace a source (If-Match required)")
  @RequestBody(content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  public Response replaceSource(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return ok(
        editor.replace(
            Kind.SOURCE, id, Rulesets.parseEntry(body, NodeEntry.class), ifMatch, caller(request)));
  }

  @DELETE
  @Path("/sources/{id}")
  @Operation(summary = "Delete a source no rule or child uses (If-Match required)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response deleteSource(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return deleted(editor.delete(Kind.SOURCE, id, ifMatch, caller(request)));
  }

  @POST
  @Path("/delivery-methods")
  @Operation(summary = "Add a delivery method")
  @RequestBody(content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  public Response createDeliveryMethod(
      InputStream body, @Context UriInfo uri, @Context ContainerRequestContext request) {
    return created(
        editor.create(
            Kind.DELIVERY_METHOD, Rulesets.parseEntry(body, NodeEntry.class), caller(request)),
        uri);
  }

  @PUT
  @Path("/delivery-methods/{id}")
  @Operation(summary = "Replace a delivery method (If-Match required)")
  @RequestBody(content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  @APIResponse(
      responseCode = "200",
      description = "Replaced",
      content = @Content(schema = @Schema(implementation = NodeEntry.class)))
  public Response replaceDeliveryMethod(
      @PathParam("id") String id,
      InputStream body,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return ok(
        editor.replace(
            Kind.DELIVERY_METHOD,
            id,
            Rulesets.parseEntry(body, NodeEntry.class),
            ifMatch,
            caller(request)));
  }

  @DELETE
  @Path("/delivery-methods/{id}")
  @Operation(summary = "Delete a delivery method no rule or child uses (If-Match required)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response deleteDeliveryMethod(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context ContainerRequestContext request) {
    return deleted(editor.delete(Kind.DELIVERY_METHOD, id, ifMatch, caller(request)));
  }

  static Caller caller(ContainerRequestContext request) {
    return Caller.of(request);
  }

  private static Response created(Editor.Written written, UriInfo uri) {
    return Response.status(201)
        .location(uri.getAbsolutePathBuilder().path(Editor.idOf(written.entry())).build())
        .tag(new EntityTag(written.etag()))
        .header(REVISION_HEADER, written.revision())
        .entity(written.entry())
        .build();
  }

  private static Response ok(Editor.Written written) {
    return Response.ok(written.entry())
        .tag(new EntityTag(written.etag()))
        .header(REVISION_HEADER, written.revision())
        .build();
  }

  private static Response deleted(long revision) {
    return Response.noContent().header(REVISION_HEADER, revision).build();
  }
}
