package io.exoreg.receipt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.exoreg.problem.ProblemException;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.DatabaseReady;
import io.exoreg.store.SigningKeyStore;
import io.exoreg.store.SigningKeyStore.NewKey;
import io.exoreg.store.SigningKeyStore.StoredKey;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The key receipts are signed with, and every key that ever signed one. The signing key comes from
 * {@code exoreg.receipts.signing-key-file} or, without it, from the database, where the first
 * instance to start generates it. Each instance reads the keys again every {@code
 * exoreg.sync.check-every}, so a key rotated through another instance signs here within that time;
 * meanwhile this instance signs with the retired key, which stays published, so its receipts verify
 * all the same. Signing and publishing never touch the database: they use what was last read.
 */
@ApplicationScoped
public class SigningKeys {
  static final String ALGORITHM = "ES256";
  private static final Logger LOG = Logger.getLogger(SigningKeys.class);
  private static final long LOOKUP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final SigningKeyStore store;
  private final Duration checkEvery;
  private final FileKey fromFile;
  private volatile Keys keys;
  private boolean fileKeyRecorded;
  private ScheduledExecutorService refresher;
  private final AtomicLong lastLookup = new AtomicLong(System.nanoTime() - LOOKUP_EVERY_NANOS);

  /** The key that signs: its id, and a signer made once for it. */
  record Signer(String kid, JWSSigner signer) {}

  /** What was last read: the signer, and the published keys by id, the signing one first. */
  private record Keys(Signer signer, Map<String, ECKey> published, String jwks) {}

  /** The key a deployment supplies in a file. */
  private record FileKey(Signer signer, ECPublicKey publicKey) {}

  public SigningKeys(SigningKeyStore store, ExoregConfig config) {
    this.store = store;
    this.checkEvery = config.sync().checkEvery();
    this.fromFile = config.receipts().signingKeyFile().map(SigningKeys::readFile).orElse(null);
    this.keys =
        fromFile == null
            ? null
            : keys(
                fromFile.signer(),
                List.of(publicJwk(fromFile.signer().kid(), fromFile.publicKey())));
  }

  void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 900) StartupEvent event) {
    try {
      // the bootstrap reads them, once the database answers, while the table loads
      if (keys == null || (fromFile != null && !fileKeyRecorded)) {
        refresh();
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          "The receipts' signing keys could not be read yet (%s); retrying every %s",
          e.getMessage(), checkEvery);
    }
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "exoreg-signing-keys");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(
        this::refreshQuietly, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The keys are read, or the first made, before the service is ready, not on the next round. */
  void onDatabaseReady(@ObservesAsync DatabaseReady event) {
    refresh();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.debugf("The receipts' signing keys could not be read (%s)", e.getMessage());
    }
  }

  /**
   * Reads the keys from the database: generates the first one when the database has none and no
   * file supplies it, and records a file's key there once, so that it stays published after the
   * file is replaced.
   */
  synchronized void refresh() {
    if (fromFile != null && !fileKeyRecorded) {
      store.recordPublic(
          new NewKey(fromFile.signer().kid(), ALGORITHM, fromFile.publicKey().getEncoded(), null));
      fileKeyRecorded = true;
    }
    List<StoredKey> stored = store.all();
    if (fromFile == null && stored.stream().noneMatch(k -> k.privateKey() != null)) {
      StoredKey made = store.currentOrCreate(SigningKeys::generate);
      LOG.infof("Receipts are signed with key %s", made.kid());
      stored = store.all();
    }
    Signer signer = fromFile == null ? null : fromFile.signer();
    if (signer == null) {
      StoredKey current =
          stored.stream().filter(k -> k.privateKey() != null).findFirst().orElseThrow();
      Keys held = keys;
      signer =
          held != null && held.signer().kid().equals(current.kid())
              ? held.signer()
              : signer(current.kid(), privateKey(current.privateKey()));
    }
    List<ECKey> published = new ArrayList<>();
    for (StoredKey key : stored) {
      published.add(publicJwk(key.kid(), publicKey(key.publicKey())));
    }
    keys = keys(signer, published);
  }

  /**
   * Retires the generated key and signs with a new one from now on; the retired key stays
   * published. Refused when a file supplies the key: replacing the file rotates it.
   */
  public String rotate(String actor) {
    if (fromFile != null) {
      throw new ProblemException(
          409,
          "The signing key comes from exoreg.receipts.signing-key-file; replace that file to"
              + " rotate it",
          null);
    }
    StoredKey made = store.rotate(SigningKeys::generate, actor);
    LOG.infof("Receipts are signed with key %s from now on (rotated by %s)", made.kid(), actor);
    refresh();
    return made.kid();
  }

  /** The key to sign with; a 503 problem when it has not been read yet. */
  Signer signer() {
    Keys held = keys;
    if (held == null) {
      throw ProblemException.unavailable(
          "Receipts cannot be signed until the signing key has been read from the database;"
              + " retry shortly");
    }
    return held.signer();
  }

  /** The JWKS document, the signing key first. */
  public String jwks() {
    Keys held = keys;
    return held == null ? "{\"keys\":[]}" : held.jwks();
  }

  /**
   * A published key by id; a key not known yet (rotated moments ago through another instance) is
   * looked for in the database, at most once a second whatever kids clients make up.
   */
  Optional<ECKey> publicKey(String kid) {
    Keys held = keys;
    if (held != null && held.published().containsKey(kid)) {
      return Optional.of(held.published().get(kid));
    }
    long now = System.nanoTime();
    long last = lastLookup.get();
    if (now - last >= LOOKUP_EVERY_NANOS && lastLookup.compareAndSet(last, now)) {
      refreshQuietly();
    }
    held = keys;
    return held == null ? Optional.empty() : Optional.ofNullable(held.published().get(kid));
  }

  private static Keys keys(Signer signer, List<ECKey> published) {
    Map<String, ECKey> byKid = new LinkedHashMap<>();
    published.stream()
        .filter(k -> k.getKeyID().equals(signer.kid()))
        .forEach(k -> byKid.put(k.getKeyID(), k));
    published.forEach(k -> byKid.putIfAbsent(k.getKeyID(), k));
    return new Keys(signer, byKid, new JWKSet(List.copyOf(byKid.values())).toString(true));
  }

  private static ECKey publicJwk(String kid, ECPublicKey key) {
    return new ECKey.Builder(Curve.P_256, key)
        .keyID(kid)
        .keyUse(KeyUse.SIGNATURE)
        .algorithm(JWSAlgorithm.ES256)
        .build();
  }

  /** The key id: the RFC 7638 thumbprint of the public key, the same wherever it is computed. */
  private static String kid(ECPublicKey key) {
    try {
      return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("A key id could not be computed", e);
    }
  }

  private static Signer signer(String kid, ECPrivateKey key) {
    try {
      return new Signer(kid, new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("The signing key is not a P-256 key", e);
    }
  }

  private static NewKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
      return new NewKey(
          kid(publicKey), ALGORITHM, publicKey.getEncoded(), pair.getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A P-256 key could not be generated", e);
    }
  }

  /**
   * Reads the PEM file of {@code exoreg.receipts.signing-key-file}: a P-256 private key (PKCS#8)
   * and its public key. Anything else stops the start, naming the setting.
   */
  private static FileKey readFile(Path path) {
    String setting = "exoreg.receipts.signing-key-file (" + path + ")";
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(setting + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, byte[]> blocks = new LinkedHashMap<>();
    Matcher block = PEM.matcher(text);
    while (block.find()) {
      blocks.put(block.group(1), Base64.getMimeDecoder().decode(block.group(2)));
    }
    if (blocks.containsKey("EC PRIVATE KEY")) {
      throw new IllegalStateException(
          setting
              + " holds an EC PRIVATE KEY (SEC 1); convert it to PKCS#8 with `openssl pkcs8"
              + " -topk8 -nocrypt`");
    }
    if (!blocks.containsKey("PRIVATE KEY") || !blocks.containsKey("PUBLIC KEY")) {
      throw new IllegalStateException(
          setting
              + " must hold a P-256 private key (BEGIN PRIVATE KEY, PKCS#8, unencrypted) and its"
              + " public key (BEGIN PUBLIC KEY, `openssl pkey -pubout`)");
    }
    try {
      ECPrivateKey privateKey = privateKey(blocks.get("PRIVATE KEY"));
      ECPublicKey publicKey = publicKey(blocks.get("PUBLIC KEY"));
      if (privateKey.getParams().getCurve().getField().getFieldSize() != 256
          || !matches(privateKey, publicKey)) {
        throw new IllegalStateException("not a P-256 key pair");
      }
      return new FileKey(signer(kid(publicKey), privateKey), publicKey);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          setting + " must hold a P-256 private key and its own public key", e);
    }
  }

  /** Whether the public key is the private key's: a signature by one verifies with the other. */
  private static boolean matches(ECPrivateKey privateKey, ECPublicKey publicKey) {
    try {
      byte[] probe = "exoreg signing key".getBytes(StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance("SHA256withECDSA");
      sign.initSign(privateKey);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance("SHA256withECDSA");
      verify.initVerify(publicKey);
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static ECPublicKey publicKey(byte[] der) {
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("A stored public key could not be read", e);
    }
  }

  private static ECPrivateKey privateKey(byte[] der) {
    try {
      return (ECPrivateKey)
          KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("A stored private key could not be read", e);
    }
  }
}
