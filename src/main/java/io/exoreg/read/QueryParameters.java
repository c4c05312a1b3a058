package io.exoreg.read;

import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A parameter given twice is ambiguous ({@code jurisdiction=GB&jurisdiction=FR}); rather than pick
 * one silently, the request is refused naming it.
 */
public class QueryParameters {

  @ServerRequestFilter
  public void refuseRepeatedParameters(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/")) {
      return;
    }
    List<FieldError> repeated =
        request.getUriInfo().getQueryParameters().entrySet().stream()
            .filter(parameter -> parameter.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .map(name -> new FieldError(name, "is given more than once; give it once"))
            .toList();
    if (!repeated.isEmpty()) {
      throw ProblemException.invalid(repeated);
    }
  }
}
