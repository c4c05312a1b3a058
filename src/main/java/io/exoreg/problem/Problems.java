package io.exoreg.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.store.Databases;
import io.exoreg.store.TableNotLoadedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception to an {@code application/problem+json} response with a fixed, helpful
 * detail. Exceptions the client did not cause go to the log in full and reach the client only as a
 * generic 500.
 */
public class Problems {
  private static final Logger LOG = Logger.getLogger(Problems.class);
  private static final int RETRY_AFTER_SECONDS = 2;

  public static Response response(Problem problem) {
    return builder(problem).build();
  }

  /** The problem with one header that tells the client what to do next. */
  public static Response response(Problem problem, String header, Object value) {
    return builder(problem).header(header, value).build();
  }

  private static Response.ResponseBuilder builder(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return response(e.problem());
  }

  @ServerExceptionMapper
  public Response invalidRuleset(InvalidRulesetException e) {
    List<FieldError> errors =
        e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList();
    return response(
        Problem.of(
            400,
            "The request breaks "
                + errors.size()
                + " rule(s) of the table's format, each named in errors; nothing was written",
            errors));
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(leaf(v.getPropertyPath()), v.getMessage()))
            .sorted(java.util.Comparator.comparing(FieldError::field))
            .toList();
    return response(ProblemException.invalid(errors).problem());
  }

  /** A body the REST layer could not bind to its type: named as a bundle's field would be. */
  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e) {
    return invalidRuleset(Rulesets.invalid(e));
  }

  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e) {
    return invalidRuleset(Rulesets.invalid(e));
  }

  @ServerExceptionMapper
  public Response notLoaded(TableNotLoadedException e) {
    return retryLater(Problem.of(503, e.getMessage(), null));
  }

  /** A 503 that tells the client when to try again: the database is retried as often. */
  private static Response retryLater(Problem problem) {
    return response(problem, jakarta.ws.rs.core.HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.error("Request failed", e);
    }
    return response(Problem.of(status, detailFor(status), null));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    if (Databases.isUnreachable(e)) {
      // the revision listener logs an outage once, when it begins
      LOG.debugf("A write was refused: no database connection (%s)", Databases.reason(e));
      return retryLater(
          Problem.of(
              503,
              "The database could not be reached in time (it is away, or every connection is"
                  + " busy), so the write was not confirmed (it is not in the table unless the"
                  + " connection broke as it committed); reads still answer; re-read and retry"
                  + " shortly",
              null));
    }
    LOG.error("Unexpected failure", e);
    return response(
        Problem.of(
            500, "The request could not be completed; the failure is in the service's log", null));
  }

  private static String detailFor(int status) {
    return switch (status) {
      case 404 -> "There is nothing at this path; the endpoints are listed at /q/openapi";
      case 405 -> "This path does not accept that method";
      case 406 -> "No representation of this resource matches the Accept header";
      case 415 -> "The request body's Content-Type is not accepted here";
      case 400 -> "The request is malformed";
      default -> "The request could not be completed";
    };
  }

  private static String leaf(Path path) {
    String leaf = null;
    for (Path.Node node : path) {
      leaf = node.getName();
    }
    return leaf == null ? "request" : leaf;
  }
}
