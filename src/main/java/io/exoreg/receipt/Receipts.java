package io.exoreg.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import io.exoreg.decision.Decision;
import io.exoreg.decision.PolicyDecision;
import io.exoreg.decision.Question;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import io.exoreg.receipt.ReceiptClaims.PartClaim;
import io.exoreg.receipt.ReceiptClaims.QuestionPart;
import io.exoreg.receipt.ReceiptClaims.ReportPart;
import io.exoreg.receipt.ReceiptClaims.RuleDigest;
import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RulesetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Signs receipts of what the service answered, and verifies them: the signature against the
 * published keys, and each deciding rule's digest against the rule's content at the receipt's
 * revision and now.
 */
@ApplicationScoped
public class Receipts {
  /** The JOSE {@code typ} of a receipt, so that it is never taken for another kind of token. */
  public static final String TYPE = "exoreg-receipt+jwt";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final SigningKeys keys;
  private final RulesetStore store;
  private final CurrentTable current;
  private final Clock clock;
  private final String issuer;

  /** Rule digests of past revisions, which never change once committed. */
  private final Cache<Long, Map<String, String>> digestsAt =
      Caffeine.newBuilder().maximumSize(8).build();

  public Receipts(
      SigningKeys keys,
      RulesetStore store,
      CurrentTable current,
      Clock clock,
      ExoregConfig config) {
    this.keys = keys;
    this.store = store;
    this.current = current;
    this.clock = clock;
    this.issuer = config.receipts().issuer();
  }

  /** A receipt of one status answer. */
  public String forStatus(Decision decision, RuleTable table) {
    return sign(question(decision), null, decision.status(), decision.decidingRules(), null, table);
  }

  /**
   * A receipt of an answer with a policy: the status is the more severe of the law's and the
   * policy's, and each part is signed with its own status and deciding rules.
   */
  public String forStatus(PolicyDecision decision, RuleTable table) {
    Decision law = decision.law();
    Decision own = decision.byPolicy();
    return sign(
        question(law),
        null,
        decision.status(),
        decision.decidingRules(),
        new PolicyParts(
            new PartClaim(null, law.status(), digests(law.decidingRules(), table)),
            new PartClaim(
                decision.policy().id(), own.status(), digests(own.decidingRules(), table))),
        table);
  }

  private static QuestionPart question(Decision decision) {
    Question q = decision.question();
    return new QuestionPart(
        q.ingredient(), q.jurisdiction(), q.source(), q.deliveryMethod(), q.at().toString());
  }

  /** The law's part and the policy's of a receipt asked with a policy. */
  private record PolicyParts(PartClaim law, PartClaim policy) {}

  private static List<RuleDigest> digests(List<Rule> rules, RuleTable table) {
    return rules.stream().map(r -> new RuleDigest(r.id(), RuleDigests.of(r, table))).toList();
  }

  /** The digest to write a report into before {@link #forReport} signs it: SHA-256. */
  public static MessageDigest reportDigest() {
    return RuleDigests.sha256();
  }

  /**
   * A receipt of a check report: the SHA-256 of the exact bytes sent (written into {@code body}, a
   * {@link #reportDigest}) and what they concluded, with every rule that decides one of its
   * findings.
   */
  public String forReport(
      MessageDigest body,
      String mediaType,
      boolean passed,
      Status failOn,
      Status warnOn,
      LocalDate at,
      Map<Status, Integer> summary,
      Status status,
      Collection<String> decidingRules,
      RuleTable table) {
    List<Rule> rules = new ArrayList<>();
    for (String id : decidingRules) {
      rules.add(table.anyRule(id).orElseThrow());
    }
    return sign(
        null,
        new ReportPart(
            HexFormat.of().formatHex(body.digest()),
            mediaType,
            passed,
            failOn,
            warnOn,
            at.toString(),
            summary),
        status,
        rules,
        null,
        table);
  }

  private String sign(
      QuestionPart question,
      ReportPart report,
      Status status,
      List<Rule> rules,
      PolicyParts parts,
      RuleTable table) {
    SigningKeys.Signer signer = keys.signer();
    ReceiptClaims claims =
        new ReceiptClaims(
            issuer,
            clock.instant().getEpochSecond(),
            UUID.randomUUID().toString(),
            question,
            report,
            status,
            digests(rules, table),
            table.revision(),
            parts == null ? null : parts.law(),
            parts == null ? null : parts.policy());
    try {
      JWSObject jws =
          new JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(signer.kid())
                  .type(new JOSEObjectType(TYPE))
                  .build(),
              new Payload(JSON.writeValueAsBytes(claims)));
      jws.sign(signer.signer());
      return jws.serialize();
    } catch (JOSEException | JsonProcessingException e) {
      throw new IllegalStateException("A receipt could not be signed", e);
    }
  }

  /** What verifying a receipt found. */
  public record Verification(
      boolean signatureValid,
      @Schema(nullable = true) String kid,
      @Schema(nullable = true) String detail,
      @Schema(
              nullable = true,
              description = "The receipt's claims as signed, or null when they cannot be read")
          ReceiptClaims claims,
      @Schema(nullable = true) Boolean rulesMatchAtRevision,
      @Schema(nullable = true) Boolean rulesUnchangedNow,
      @Schema(nullable = true) List<RuleCheck> rules) {}

  /**
   * One deciding rule checked: whether its content at the receipt's revision, and now, has the
   * digest the receipt holds (null when that cannot be told: the revision is not kept).
   */
  public record RuleCheck(
      String id,
      String sha256,
      @Schema(nullable = true) Boolean matchesAtRevision,
      @Schema(nullable = true) Boolean matchesNow) {}

  /**
   * Verifies a compact JWS receipt; a 400 problem naming {@code field} when it is not one at all.
   */
  public Verification verify(String receipt, String field) {
    JWSObject jws;
    try {
      jws = JWSObject.parse(receipt.strip());
    } catch (ParseException | RuntimeException e) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  field,
                  "is not a compact JWS: three base64url parts, a JSON header, separated by"
                      + " dots")));
    }
    String kid = jws.getHeader().getKeyID();
    if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
      return refused(kid, "the algorithm is " + jws.getHeader().getAlgorithm() + ", not ES256");
    }
    if (kid == null) {
      return refused(null, "the header names no kid");
    }
    Optional<ECKey> key = keys.publicKey(kid);
    if (key.isEmpty()) {
      return refused(kid, "no key with this kid is published at /.well-known/jwks.json");
    }
    try {
      if (!jws.verify(new ECDSAVerifier(key.get()))) {
        return refused(kid, "the signature does not match the header and payload");
      }
    } catch (JOSEException e) {
      return refused(kid, "the signature is not an ES256 signature");
    }
    ReceiptClaims claims;
    try {
      claims = JSON.readValue(jws.getPayload().toBytes(), ReceiptClaims.class);
    } catch (IOException | IllegalArgumentException e) {
      return new Verification(
          true, kid, "signed, but the payload is not a receipt's", null, null, null, List.of());
    }
    return checkRules(kid, claims);
  }

  private Verification checkRules(String kid, ReceiptClaims claims) {
    Map<String, String> then = digestsAt(claims.rulesetRevision()).orElse(null);
    RuleTable now = current.get().orElse(null);
    List<RuleCheck> checks = new ArrayList<>();
    boolean allThen = then != null;
    boolean allNow = now != null;
    List<RuleDigest> rules = claims.decidingRules() == null ? List.of() : claims.decidingRules();
    for (RuleDigest rule : rules) {
      Boolean matchesThen = then == null ? null : rule.sha256().equals(then.get(rule.id()));
      Boolean matchesNow =
          now == null
              ? null
              : now.anyRule(rule.id())
                  .map(r -> RuleDigests.of(r, now).equals(rule.sha256()))
                  .orElse(false);
      allThen &= Boolean.TRUE.equals(matchesThen);
      allNow &= Boolean.TRUE.equals(matchesNow);
      checks.add(new RuleCheck(rule.id(), rule.sha256(), matchesThen, matchesNow));
    }
    String detail =
        then == null
            ? "The signature is valid; revision "
                + claims.rulesetRevision()
                + " cannot be rebuilt, so the rules' contents then cannot be compared"
            : allThen
                ? "The signature is valid and every deciding rule had this content at revision "
                    + claims.rulesetRevision()
                : "The signature is valid, but some deciding rules had other contents at revision "
                    + claims.rulesetRevision();
    return new Verification(
        true,
        kid,
        detail,
        claims,
        then == null ? null : allThen,
        now == null ? null : allNow,
        checks);
  }

  /** The digest of every rule at a revision, if that revision can be rebuilt. */
  private Optional<Map<String, String>> digestsAt(long revision) {
    Map<String, String> kept = digestsAt.getIfPresent(revision);
    if (kept != null) {
      return Optional.of(kept);
    }
    Optional<Bundle> bundle = store.bundleAt(revision);
    if (bundle.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> digests = new HashMap<>();
    for (RuleEntry rule : bundle.get().rules()) {
      digests.put(rule.id(), RuleDigests.of(rule));
    }
    for (Bundle.PolicyEntry policy :
        Objects.requireNonNullElse(bundle.get().policies(), List.<Bundle.PolicyEntry>of())) {
      for (RuleEntry rule : policy.rules()) {
        digests.put(rule.id(), RuleDigests.of(rule));
      }
    }
    digestsAt.put(revision, digests);
    return Optional.of(digests);
  }

  private static Verification refused(String kid, String why) {
    return new Verification(
        false, kid, "The receipt is not valid: " + why, null, null, null, List.of());
  }
}
