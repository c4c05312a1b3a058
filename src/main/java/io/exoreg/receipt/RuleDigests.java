package io.exoreg.receipt;

import static io.exoreg.ruleset.Rulesets.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.exoreg.decision.Rule;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.Rulesets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of a rule's content: the hex SHA-256 of the rule as exported in the bundle format,
 * written as compact JSON in the format's field order, so it is the same from the current table and
 * from a table rebuilt at any revision.
 */
final class RuleDigests {

  private RuleDigests() {}

  static String of(RuleEntry rule) {
    try {
      return sha256(JSON.writeValueAsBytes(rule));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A rule could not be written", e);
    }
  }

  static String of(Rule rule, RuleTable table) {
    return of(Rulesets.entry(rule));
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** A new SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
