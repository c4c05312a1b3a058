package io.exoreg.hostile;

import io.exoreg.store.ApiKeyStore;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HexFormat;
import java.util.Map;

/** The fuzz and soak tests share an application and database of their own, with an admin key. */
public class HostileProfile implements QuarkusTestProfile {
  static final String ADMIN_SECRET = "exo_hostile-tests-admin-secret";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "exoreg.api-keys.hostile-admin.sha256",
        HexFormat.of().formatHex(ApiKeyStore.hash(ADMIN_SECRET)),
        "exoreg.api-keys.hostile-admin.admin",
        "true");
  }
}
