package io.exoreg.read;

import io.exoreg.decision.Names;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every operation takes the query parameters its method declares, each once. A parameter given
 * twice is ambiguous ({@code jurisdiction=GB&jurisdiction=FR}), and one the operation does not
 * define is most likely a misspelt one ({@code date} for {@code at}) that would otherwise be
 * ignored silently; both are refused, naming them.
 */
public class QueryParameters {
  /** Names people reach for, and the parameter each most likely means. */
  private static final Map<String, String> MEANT =
      Map.ofEntries(
          Map.entry("date", "at"),
          Map.entry("day", "at"),
          Map.entry("on", "at"),
          Map.entry("asof", "at"),
          Map.entry("when", "at"),
          Map.entry("country", "jurisdiction"),
          Map.entry("market", "jurisdiction"),
          Map.entry("region", "jurisdiction"),
          Map.entry("state", "jurisdiction"),
          Map.entry("method", "deliveryMethod"),
          Map.entry("delivery", "deliveryMethod"),
          Map.entry("route", "deliveryMethod"),
          Map.entry("origin", "source"),
          Map.entry("substance", "ingredient"),
          Map.entry("limit", "size"),
          Map.entry("pagesize", "size"),
          Map.entry("after", "since"));

  private static final Map<Method, Set<String>> KNOWN = new ConcurrentHashMap<>();

  @ServerRequestFilter
  public void refuseRepeatedAndUnknownParameters(
      ContainerRequestContext request, SimpleResourceInfo operation) {
    if (!request.getUriInfo().getPath().startsWith("/api/")) {
      return;
    }
    Map<String, List<String>> given = request.getUriInfo().getQueryParameters();
    if (given.isEmpty()) {
      return;
    }
    Set<String> known = known(operation);
    List<FieldError> errors = new ArrayList<>();
    for (String name : new TreeSet<>(given.keySet())) {
      if (known != null && !known.contains(name)) {
        errors.add(new FieldError(name, unknown(name, known)));
      } else if (given.get(name).size() > 1) {
        errors.add(
            new FieldError(
                name,
                name.equals("policy")
                    ? "names more than one policy; one policy per request: ask once for each"
                    : "is given more than once; give it once"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  /** What to tell the client of a parameter the operation does not define. */
  static String unknown(String name, Set<String> known) {
    String meant = meant(name, known);
    return "unknown parameter '"
        + name
        + "'"
        + (meant != null
            ? "; did you mean '" + meant + "'?"
            : known.isEmpty()
                ? "; this operation takes no query parameters"
                : "; this operation takes " + String.join(", ", known));
  }

  private static String meant(String name, Set<String> known) {
    String key = Names.key(name);
    for (String parameter : known) {
      if (Names.key(parameter).equals(key)) {
        return parameter; // "deliverymethod", "delivery_method"
      }
    }
    String synonym = MEANT.get(key);
    if (synonym != null && known.contains(synonym)) {
      return synonym;
    }
    return Names.closest(name, known);
  }

  /** The query parameters of an operation's method; null when it cannot be told. */
  static Set<String> known(SimpleResourceInfo operation) {
    if (operation == null || operation.getResourceClass() == null) {
      return null;
    }
    for (Method method : operation.getResourceClass().getMethods()) {
      if (method.getName().equals(operation.getMethodName())
          && Arrays.equals(method.getParameterTypes(), operation.parameterTypes())) {
        return known(method);
      }
    }
    return null;
  }

  /** The query parameters one resource method declares, in their order. */
  public static Set<String> known(Method method) {
    return KNOWN.computeIfAbsent(
        method,
        m -> {
          Set<String> names = new LinkedHashSet<>();
          for (Annotation[] annotations : m.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
              if (annotation instanceof QueryParam query) {
                names.add(query.value());
              } else if (annotation instanceof RestQuery query) {
                names.add(query.value());
              }
            }
          }
          return Collections.unmodifiableSet(names);
        });
  }

  /** The query parameters of the public method of this name on a resource class. */
  public static Set<String> known(Class<?> resource, String methodName) {
    for (Method method : resource.getMethods()) {
      if (method.getName().equals(methodName)) {
        return known(method);
      }
    }
    throw new IllegalArgumentException(resource.getSimpleName() + " has no method " + methodName);
  }
}
