package io.exoreg.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.ruleset.Rulesets;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The REST layer binds every body with the same strictness as a bundle import: unknown fields,
 * duplicate keys, trailing tokens and NUL are refused (see {@link Rulesets#strict}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    Rulesets.strict(mapper);
  }

  @Override
  public int priority() {
    // after the settings Quarkus applies from its own configuration
    return MINIMUM_PRIORITY;
  }
}
