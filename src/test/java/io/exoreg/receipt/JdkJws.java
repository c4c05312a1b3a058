package io.exoreg.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A verifier of ES256 compact JWS written against RFC 7515, 7517 and 7518 with nothing but the JDK:
 * the key is built from the JWK's coordinates, the signing input from the two encoded parts, and
 * the JOSE signature (R || S) turned into the DER form {@code SHA256withECDSA} takes. It shares no
 * code with the library that signs.
 */
public final class JdkJws {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JdkJws() {}

  /** Whether the compact JWS is signed by the key its {@code kid} names in the JWK Set. */
  public static boolean verifies(String compact, String jwks) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      JsonNode header = JSON.readTree(decode(parts[0]));
      if (!"ES256".equals(header.path("alg").asText())) {
        return false;
      }
      JsonNode jwk = key(JSON.readTree(jwks), header.path("kid").asText());
      if (jwk == null) {
        return false;
      }
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey(jwk));
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      byte[] joseSignature = decode(parts[2]);
      return joseSignature.length == 64 && verifier.verify(der(joseSignature));
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The JSON header or payload of a compact JWS. */
  public static JsonNode part(String compact, int index) {
    try {
      return JSON.readTree(decode(compact.split("\\.")[index]));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] decode(String part) {
    return Base64.getUrlDecoder().decode(part);
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static JsonNode key(JsonNode jwks, String kid) {
    for (JsonNode key : jwks.path("keys")) {
      if (kid.equals(key.path("kid").asText())) {
        return key;
      }
    }
    return null;
  }

  private static PublicKey publicKey(JsonNode jwk) throws GeneralSecurityException {
    if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())) {
      throw new GeneralSecurityException("not a P-256 key");
    }
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECPoint point =
        new ECPoint(
            new BigInteger(1, decode(jwk.path("x").asText())),
            new BigInteger(1, decode(jwk.path("y").asText())));
    return KeyFactory.getInstance("EC")
        .generatePublic(
            new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
  }

  /** R || S, 32 bytes each, as the ASN.1 SEQUENCE of two INTEGERs. */
  private static byte[] der(byte[] jose) {
    byte[] r = integer(Arrays.copyOfRange(jose, 0, 32));
    byte[] s = integer(Arrays.copyOfRange(jose, 32, 64));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(r.length + s.length);
    out.writeBytes(r);
    out.writeBytes(s);
    return out.toByteArray();
  }

  private static byte[] integer(byte[] unsigned) {
    int start = 0;
    while (start < unsigned.length - 1 && unsigned[start] == 0) {
      start++;
    }
    boolean pad = (unsigned[start] & 0x80) != 0;
    int length = unsigned.length - start + (pad ? 1 : 0);
    byte[] out = new byte[2 + length];
    out[0] = 0x02;
    out[1] = (byte) length;
    if (pad) {
      out[2] = 0;
    }
    System.arraycopy(unsigned, start, out, pad ? 3 : 2, unsigned.length - start);
    return out;
  }
}
