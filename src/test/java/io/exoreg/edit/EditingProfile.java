package io.exoreg.edit;

import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HexFormat;
import java.util.Map;

/**
 * Editing tests run on their own application and database, so that their writes never meet the read
 * tests' expectations of the default table at revision 1.
 */
public class EditingProfile implements QuarkusTestProfile {
  /** The secret whose hash the configuration supplies, as a deployment would. */
  static final String CONFIGURED_SECRET = "exo_configured-ci-bot-secret-for-tests-only";

  /** A configured key whose settings give it the scope admin. */
  static final String CONFIGURED_ADMIN_SECRET = "exo_configured-operator-secret-for-tests-only";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "exoreg.api-keys.ci-bot.sha256",
        HexFormat.of().formatHex(ApiKeyStore.hash(CONFIGURED_SECRET)),
        "exoreg.api-keys.operator.sha256",
        HexFormat.of().formatHex(ApiKeyStore.hash(CONFIGURED_ADMIN_SECRET)),
        "exoreg.api-keys.operator.scopes",
        "law,admin");
  }
}
