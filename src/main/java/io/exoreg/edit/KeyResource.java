package io.exoreg.edit;

import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import io.exoreg.receipt.SigningKeys;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.ApiKeyStore;
import io.exoreg.store.ApiKeyStore.KeyInfo;
import io.exoreg.store.ApiKeyStore.NewKey;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin keys make and revoke API keys; a new key's secret is shown once, in the answer that makes
 * it.
 */
@Path("/api/v1/keys")
@RolesAllowed(Scopes.ADMIN)
@Tag(name = "API keys")
@SecurityRequirement(name = "apiKey")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "401",
    description = "No valid API key",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
    responseCode = "403",
    description = "The key's scopes do not include admin",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KeyResource {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final ApiKeyStore keys;
  private final ExoregConfig config;
  private final SigningKeys signingKeys;

  public KeyResource(ApiKeyStore keys, ExoregConfig config, SigningKeys signingKeys) {
    this.keys = keys;
    this.config = config;
    this.signingKeys = signingKeys;
  }

  /**
   * What to make: a name (the actor in the audit trail) and what the key may do. {@code scopes}
   * defaults to {@code ["law"]}; {@code "admin": true} is short for {@code "scopes": ["admin"]}.
   */
  public record KeyRequest(
      String name,
      @Schema(
              description =
                  "law: edit the law table; admin: manage keys, and everything; watch: keep"
                      + " watches and nothing else; policy:ID: edit that policy")
          List<String> scopes,
      @Schema(description = "Short for scopes [\"admin\"]", deprecated = true) Boolean admin) {}

  /** A key just made; {@code key} is the secret, shown this once and never stored. */
  public record CreatedKey(String name, List<String> scopes, String key, String createdBy) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createKey", summary = "Make a key")
  @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = KeyRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "The key, with its secret shown once",
      content = @Content(schema = @Schema(implementation = CreatedKey.class)))
  @APIResponse(
      responseCode = "409",
      description = "The name is taken",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response create(InputStream body, @Context ContainerRequestContext context) {
    KeyRequest request = Rulesets.parseEntry(body, KeyRequest.class);
    if (request.name() == null || !NAME.matcher(request.name()).matches()) {
      throw ProblemException.invalid(
          List.of(new FieldError("name", "is required: 1 to 64 letters, digits, '.', '_' or '-'")));
    }
    if (config.apiKeys().containsKey(request.name())) {
      throw new ProblemException(
          409,
          "'" + request.name() + "' names a key the deployment configures; choose another name",
          List.of(new FieldError("name", "is taken")));
    }
    List<String> scopes = scopes(request);
    Caller caller = Caller.of(context);
    NewKey made =
        keys.create(request.name(), scopes, caller.name())
            .orElseThrow(
                () ->
                    new ProblemException(
                        409,
                        "A key named '"
                            + request.name()
                            + "' exists or existed; keys are never renamed or reused",
                        List.of(new FieldError("name", "is taken"))));
    // the secret must not outlive this answer in any cache between here and the client
    return Response.status(201)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(
            new CreatedKey(
                made.key().name(), made.key().scopes(), made.secret(), made.key().createdBy()))
        .build();
  }

  /** The scopes asked for, checked: each one known, at least one, none twice. */
  private static List<String> scopes(KeyRequest request) {
    List<String> scopes =
        request.scopes() == null
            ? Scopes.defaults(Boolean.TRUE.equals(request.admin()))
            : new ArrayList<>(request.scopes());
    if (request.scopes() != null && Boolean.TRUE.equals(request.admin())) {
      scopes.add(Scopes.ADMIN);
    }
    List<FieldError> errors = new ArrayList<>();
    if (scopes.isEmpty()) {
      errors.add(
          new FieldError(
              "scopes",
              "is empty; a key needs at least one scope: law, admin, watch or policy:ID"));
    }
    for (int i = 0; i < scopes.size(); i++) {
      String scope = scopes.get(i);
      int index = i;
      Scopes.refusal(scope)
          .ifPresent(
              why ->
                  errors.add(
                      new FieldError(
                          "scopes[" + index + "]",
                          (scope == null ? "" : Inputs.quote(scope) + " ") + why)));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return Scopes.normal(scopes);
  }

  @GET
  @Operation(
      operationId = "listKeys",
      summary = "List keys, live and revoked (never their secrets)")
  @APIResponse(responseCode = "200", description = "The keys")
  public List<KeyInfo> list() {
    return keys.list();
  }

  @DELETE
  @Path("/{name}")
  @Operation(operationId = "revokeKey", summary = "Revoke a key; it stops working at once")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(
      responseCode = "404",
      description = "No live key of that name",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response revoke(@PathParam("name") String name, @Context ContainerRequestContext context) {
    if (!keys.revoke(name, Caller.of(context).name())) {
      throw ProblemException.notFound("No live key named '" + name + "'");
    }
    return Response.noContent().build();
  }

  /** The key that signs receipts from now on. */
  public record SigningKey(String kid) {}

  @POST
  @Path("/signing/rotate")
  @Operation(
      operationId = "rotateSigningKey",
      summary = "Rotate the receipts' signing key",
      description =
          "Generates a new key that signs receipts from now on; the retired key stays published at"
              + " /.well-known/jwks.json, so the receipts it signed stay verifiable. Other"
              + " instances sign with the new key within exoreg.sync.check-every.")
  @APIResponse(
      responseCode = "200",
      description = "The new key's id",
      content = @Content(schema = @Schema(implementation = SigningKey.class)))
  @APIResponse(
      responseCode = "409",
      description = "The key comes from exoreg.receipts.signing-key-file",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public SigningKey rotateSigningKey(@Context ContainerRequestContext context) {
    return new SigningKey(signingKeys.rotate(Caller.of(context).name()));
  }
}
