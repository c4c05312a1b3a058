package io.exoreg.receipt;

import io.exoreg.runtime.ExoregConfig;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that receipts are signed with, current and retired, as a JWK Set (RFC 7517). */
@Path("/.well-known/jwks.json")
@Tag(name = "Receipts")
public class JwksResource {
  private final SigningKeys keys;
  private final String cacheControl;

  public JwksResource(SigningKeys keys, ExoregConfig config) {
    this.keys = keys;
    this.cacheControl = "public, max-age=" + config.httpMaxAge();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getReceiptKeys",
      summary = "The receipts' public keys",
      description =
          "Every key that signs or signed receipts, by kid, the one signing now first; a key"
              + " rotated out stays listed, so the receipts it signed stay verifiable.")
  @APIResponse(
      responseCode = "200",
      description = "The JWK Set",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.OBJECT)))
  @NonBlocking
  public Response jwks() {
    return Response.ok(keys.jwks(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .header(HttpHeaders.CACHE_CONTROL, cacheControl)
        .build();
  }
}
