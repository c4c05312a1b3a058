package io.exoreg.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document; {@code errors} names each offending field of invalid input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    @Schema(required = true, example = "about:blank") String type,
    @Schema(required = true, example = "Bad Request") String title,
    @Schema(required = true, example = "400") int status,
    @Schema(required = true) String detail,
    @Schema(description = "For invalid input: each offending field and what is wrong with it")
        List<FieldError> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * The longest text one place of a problem holds. Texts quote the client's input, and an answer
   * must never echo megabytes of it back; a longer one is cut and says so.
   */
  static final int MAX_TEXT = 1000;

  public Problem {
    detail = bounded(detail);
  }

  static String bounded(String text) {
    return text == null || text.length() <= MAX_TEXT
        ? text
        : text.substring(0, MAX_TEXT) + "... (cut short; " + text.length() + " characters in all)";
  }

  /**
   * A problem of the generic type {@code about:blank}, titled with the status's reason phrase; the
   * detail and the errors say what went wrong.
   */
  public static Problem of(int status, String detail, List<FieldError> errors) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String title = type == null ? "Error" : type.getReasonPhrase();
    return new Problem("about:blank", title, status, detail, errors);
  }

  /** One offending field of a request and what is wrong with it. */
  public record FieldError(
      @Schema(required = true) String field, @Schema(required = true) String message) {
    public FieldError {
      field = bounded(field);
      message = bounded(message);
    }
  }
}
