package io.exoreg.watch;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service as it ships: webhooks must be https and go to public addresses. */
public class PublicWebhooksProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("exoreg.webhooks.allow-private-addresses", "false");
  }
}
