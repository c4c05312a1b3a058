package io.exoreg.http;

import static io.exoreg.http.TrustedProxyTest.write;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With forwarding on but no trusted proxy, anyone could name a new address per request; failed
 * authentications are then counted by the connection, whatever address a request names.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(UntrustedForwardingTest.Profile.class)
class UntrustedForwardingTest {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return TrustedProxyTest.forwarding(Map.of());
    }
  }

  @Test
  void namingAnotherForwardedAddressDoesNotEscapeTheThrottle() {
    for (int i = 0; i < 3; i++) {
      write("198.51.100." + i, "exo_guess-" + i, "XUA" + i).statusCode(401);
    }
    write("198.51.100.99", "exo_guess-3", "XUA3").statusCode(429);
    write("203.0.113.5", TrustedProxyTest.SECRET, "XUB").statusCode(429);
  }
}
