package io.exoreg.problem;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which body types each operation accepts, read once from the resources' {@code @Path} and {@code
 * Consumes} annotations, so that a 415 can name them: the REST layer refuses such a request before
 * it has chosen an operation, and does not say what it would have taken.
 */
final class BodyTypes {
  private record Operation(String method, Pattern path, List<String> consumes) {}

  private static volatile List<Operation> operations;

  private BodyTypes() {}

  /** The body types an operation at this path and method accepts, each once, in their order. */
  static List<String> accepted(String method, String path) {
    Set<String> types = new LinkedHashSet<>();
    for (Operation operation : operations()) {
      if (operation.method().equals(method) && operation.path().matcher(path).matches()) {
        types.addAll(operation.consumes());
      }
    }
    return List.copyOf(types);
  }

  private static List<Operation> operations() {
    List<Operation> known = operations;
    if (known == null) {
      known = scan();
      operations = known;
    }
    return known;
  }

  private static List<Operation> scan() {
    List<Operation> found = new ArrayList<>();
    for (Bean<?> bean :
        Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean.getBeanClass();
      Path root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      Consumes shared = type.getAnnotation(Consumes.class);
      for (Method method : type.getMethods()) {
        String verb = verb(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
          consumes = shared;
        }
        found.add(
            new Operation(
                verb,
                template(root.value() + (sub == null ? "" : "/" + sub.value())),
                consumes == null ? List.of("*/*") : List.of(consumes.value())));
      }
    }
    return List.copyOf(found);
  }

  private static String verb(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** A path template as a pattern: each {@code {name}} is one segment. */
  private static Pattern template(String template) {
    StringBuilder pattern = new StringBuilder();
    for (String segment : template.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      pattern.append('/');
      pattern.append(
          segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment));
    }
    return Pattern.compile(pattern + "/?");
  }
}
