package io.exoreg.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the service itself, under the {@code exoreg} prefix. */
@ConfigMapping(prefix = "exoreg")
public interface ExoregConfig {
  /** {@code exoreg.default-ingredient}: the ingredient of a question that names none. */
  @WithDefault("exosome")
  String defaultIngredient();

  /**
   * {@code exoreg.default-ruleset}: the classpath resource imported as revision 1 on the first
   * start against an empty database.
   */
  @WithDefault("exosome-ruleset.json")
  String defaultRuleset();

  /** {@code exoreg.http.max-age}: seconds that clients and caches may reuse a read answer. */
  @WithName("http.max-age")
  @WithDefault("60")
  int httpMaxAge();
}
