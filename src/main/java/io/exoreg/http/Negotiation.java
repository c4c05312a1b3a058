package io.exoreg.http;

import io.exoreg.problem.ProblemException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

/**
 * Refuses, with a 406 problem, a request whose {@code Accept} header rules out every type the
 * matched operation answers in. The REST layer's own choice of a type ignores a weight of 0 ({@code
 * application/json;q=0}), which RFC 9110 defines as "not acceptable".
 */
public class Negotiation {

  @ServerRequestFilter
  public void refuseUnacceptable(ContainerRequestContext request, ResourceInfo resource) {
    String header = request.getHeaderString(HttpHeaders.ACCEPT);
    if (header == null || resource == null) {
      return;
    }
    String[] offered = produced(resource);
    if (offered == null || offered.length == 0) {
      return;
    }
    Accept accept = Accept.of(header);
    if (Arrays.stream(offered).noneMatch(accept::accepts)) {
      throw new ProblemException(
          406,
          "This path answers in "
              + String.join(", ", offered)
              + ", and the Accept header rules each of them out",
          null);
    }
  }

  private static String[] produced(ResourceInfo resource) {
    // the REST layer's own resource info holds the method's annotations, found at build time
    String[] method =
        produced(
            resource instanceof ResteasyReactiveResourceInfo built
                ? built.getAnnotations()
                : resource.getResourceMethod().getAnnotations());
    Produces type = resource.getResourceClass().getAnnotation(Produces.class);
    return method != null ? method : type == null ? null : type.value();
  }

  private static String[] produced(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof Produces produces) {
        return produces.value();
      }
    }
    return null;
  }
}
