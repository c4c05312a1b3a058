package io.exoreg.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.store.Databases;
import io.exoreg.store.TableNotLoadedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Maps every exception to an {@code application/problem+json} response with a fixed, helpful
 * detail. Exceptions the client did not cause go to the log in full and reach the client only as a
 * generic 500.
 */
public class Problems {
  private static final Logger LOG = Logger.getLogger(Problems.class);

  /** The challenge of a 401: send an API key as a bearer token. */
  public static final String CHALLENGE = "Bearer realm=\"exoreg\"";

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

  /** A body the REST layer could not bind to its type: named as a bundle's field would be. */
  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e) {
    return invalidRuleset(Rulesets.invalid(e));
  }

  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e) {
    return invalidRuleset(Rulesets.invalid(e));
  }

  /** No key, or one that is wrong or revoked: 401 with the challenge. */
  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e) {
    OptionalLong wait =
        e instanceof AuthenticationFailedException failed
            ? Throttled.retryAfter(failed)
            : OptionalLong.empty();
    if (wait.isPresent()) {
      return response(
          Problem.of(
              429,
              "Too many failed authentications from this address; retry after "
                  + wait.getAsLong()
                  + " s",
              null),
          HttpHeaders.RETRY_AFTER,
          wait.getAsLong());
    }
    return response(
        Problem.of(401, "This request needs a valid API key: Authorization: Bearer <key>", null),
        HttpHeaders.WWW_AUTHENTICATE,
        CHALLENGE);
  }

  /** A good key whose scopes do not cover the operation: 403 naming the scope it needs. */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, SimpleResourceInfo operation) {
    return response(Problem.of(403, scopesNeeded(neededScopes(operation)), null));
  }

  /** Why a key may not do this: the scopes that would let it. */
  public static String scopesNeeded(List<String> needed) {
    return needed.isEmpty()
        ? "This key's scopes do not allow this operation"
        : "This operation needs a key with the scope "
            + needed.stream().map(scope -> "'" + scope + "'").collect(Collectors.joining(" or "))
            + " (or 'admin'); this key's scopes do not include it";
  }

  private static List<String> neededScopes(SimpleResourceInfo operation) {
    if (operation == null || operation.getResourceClass() == null) {
      return List.of();
    }
    RolesAllowed roles = null;
    // by name first: a generic resource's method has the erased types of its parameters
    for (Method method : operation.getResourceClass().getMethods()) {
      if (method.getName().equals(operation.getMethodName())
          && method.getAnnotation(RolesAllowed.class) != null
          && (roles == null
              || Arrays.equals(method.getParameterTypes(), operation.parameterTypes()))) {
        roles = method.getAnnotation(RolesAllowed.class);
      }
    }
    if (roles == null) {
      roles = operation.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    return roles == null ? List.of() : List.of(roles.value());
  }

  @ServerExceptionMapper
  public Response notLoaded(TableNotLoadedException e) {
    return retryLater(Problem.of(503, e.getMessage(), null));
  }

  /** A 503 that tells the client when to try again: the database is retried as often. */
  private static Response retryLater(Problem problem) {
    return response(problem, HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
  }

  /** A body of a type the operation does not take: 415 naming those it does. */
  private static Response unsupportedType(ContainerRequestContext request) {
    String method = request.getMethod();
    List<String> accepted = BodyTypes.accepted(method, request.getUriInfo().getPath());
    String sent = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    String given = sent == null || sent.isBlank() ? "no Content-Type" : Inputs.quote(sent.strip());
    if (accepted.isEmpty()) {
      return response(Problem.of(415, "This operation takes no body of " + given, null));
    }
    String list = String.join(" or ", accepted);
    Problem problem =
        Problem.of(
            415,
            method
                + " "
                + request.getUriInfo().getPath()
                + " takes a body of type "
                + list
                + ", not "
                + given
                + "; send the body with Content-Type: "
                + accepted.get(0),
            List.of(new FieldError("Content-Type", given + " is not accepted here; send " + list)));
    String header = "PATCH".equals(method) ? "Accept-Patch" : "Accept-Post";
    return "POST".equals(method) || "PATCH".equals(method)
        ? response(problem, header, String.join(", ", accepted))
        : response(problem);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
    int status = e.getResponse().getStatus();
    if (status == 415 && request != null) {
      return unsupportedType(request);
    }
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
}
