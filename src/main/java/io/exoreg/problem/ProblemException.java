package io.exoreg.problem;

import io.exoreg.problem.Problem.FieldError;
import java.util.List;

/** Ends a request with a problem response; its texts are written for the client to read. */
public class ProblemException extends RuntimeException {
  private final int status;
  private final List<FieldError> errors;

  public ProblemException(int status, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.errors = errors == null ? null : List.copyOf(errors);
  }

  /** 400: the request's parameters or body are invalid; {@code errors} names each field. */
  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        400,
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid; see errors",
        errors);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, detail, null);
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(503, detail, null);
  }

  public Problem problem() {
    return Problem.of(status, getMessage(), errors);
  }
}
