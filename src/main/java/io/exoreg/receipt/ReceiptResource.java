package io.exoreg.receipt;

import io.exoreg.problem.Problem;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import io.exoreg.receipt.Receipts.Verification;
import io.exoreg.ruleset.Rulesets;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Verifies a receipt for those without a JOSE library: its signature against the published keys,
 * and whether its deciding rules' contents at its revision, and now, have the digests it holds.
 */
@Path("/api/v1/receipts")
@Tag(name = "Receipts")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {
  private final Receipts receipts;

  public ReceiptResource(Receipts receipts) {
    this.receipts = receipts;
  }

  /** A receipt to verify, as {@code /status} or {@code /checks} gave it. */
  public record VerifyRequest(
      @Schema(description = "The compact JWS", required = true) String receipt) {}

  @POST
  @Path("/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "verifyReceipt",
      summary = "Verify a decision receipt",
      description =
          "Checks the signature against the keys of /.well-known/jwks.json, current and retired,"
              + " and compares each deciding rule's digest with the rule's content at the"
              + " receipt's revision and now. A receipt whose signature fails is answered 200 with"
              + " signatureValid false.")
  @RequestBody(content = @Content(schema = @Schema(implementation = VerifyRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "What verifying found",
      content = @Content(schema = @Schema(implementation = Verification.class)))
  @APIResponse(
      responseCode = "400",
      description = "The body is not a JSON object with a receipt, or the receipt is not a JWS",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Verification verify(InputStream body) {
    VerifyRequest request = Rulesets.parseEntry(body, VerifyRequest.class);
    if (request.receipt() == null || request.receipt().isBlank()) {
      throw ProblemException.invalid(
          List.of(new FieldError("receipt", "is required: the receipt's compact JWS")));
    }
    return receipts.verify(request.receipt(), "receipt");
  }
}
