package io.exoreg.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/** The settings this application reads, as environment variables name them. */
final class Settings {
  private Settings() {}

  /**
   * Whether an environment variable sets something the application reads: a property of one of its
   * Quarkus extensions (each lists its settings and their variables in its configuration model), or
   * one of exoreg's, which all have defaults.
   */
  static boolean known(String environmentVariable) {
    String property = environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
    if (property.startsWith("exoreg.")) {
      return exoregProperty(property);
    }
    return quarkusSettings().contains(environmentVariable);
  }

  private static boolean exoregProperty(String dotted) {
    for (String name : ConfigProvider.getConfig().getPropertyNames()) {
      if (name.replace('-', '.').equals(dotted)) {
        return true;
      }
    }
    return false;
  }

  /** The environment variables of every Quarkus setting on the classpath. */
  private static Set<String> quarkusSettings() {
    Set<String> properties = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try {
      for (URL model :
          Collections.list(
              Thread.currentThread()
                  .getContextClassLoader()
                  .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
        try (InputStream in = model.openStream()) {
          collect(json.readTree(in), properties);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static void collect(JsonNode node, Set<String> properties) {
    if (node.isObject()) {
      JsonNode variable = node.get("environmentVariable");
      if (variable != null && variable.isTextual()) {
        properties.add(variable.asText());
      }
    }
    node.forEach(child -> collect(child, properties));
  }
}
