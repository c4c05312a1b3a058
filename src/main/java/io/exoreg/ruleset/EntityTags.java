package io.exoreg.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.BundleEdits.Kind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Strong entity tags for one entry of the table, derived from everything its representation shows:
 * a rule with the references it cites, a jurisdiction with its chain, children and rule count. A
 * tag changes exactly when the representation does, whatever else the table does.
 */
public final class EntityTags {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private EntityTags() {}

  /** The tag of the entry of this kind and id, if the table has it. */
  public static Optional<String> of(RuleTable table, Kind kind, String id) {
    return switch (kind) {
      case RULE ->
          table
              .rule(id)
              .map(
                  rule ->
                      hash(
                          Rulesets.entry(rule),
                          rule.references().stream().map(table.references()::get).toList()));
      case JURISDICTION ->
          Optional.ofNullable(table.jurisdictions().get(id))
              .map(
                  j ->
                      hash(
                          Rulesets.entry(j),
                          table.jurisdictions().chain(id),
                          table.jurisdictions().children(id),
                          table.rules().stream().filter(r -> r.jurisdiction().equals(id)).count()));
      case INGREDIENT -> Optional.ofNullable(table.ingredients().get(id)).map(n -> hash(n));
      case SOURCE -> Optional.ofNullable(table.sources().get(id)).map(n -> hash(Rulesets.entry(n)));
      case DELIVERY_METHOD ->
          Optional.ofNullable(table.deliveryMethods().get(id)).map(n -> hash(Rulesets.entry(n)));
      case POLICY -> table.policy(id).map(p -> hash(Rulesets.entry(p)));
    };
  }

  private static String hash(Object... parts) {
    try {
      byte[] json = CANONICAL.writeValueAsBytes(List.of(parts));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return "e" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("An entity tag could not be computed", e);
    }
  }
}
