package io.exoreg.problem;

import io.exoreg.decision.Names;
import io.exoreg.decision.Policy;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.decision.Tree;
import io.exoreg.problem.Problem.FieldError;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads request input against one snapshot: codes and aliases in any case become canonical ids, and
 * every invalid field is collected, so that one 400 answer names them all.
 */
public final class Inputs {
  /** The vocabularies a code may come from, with where a client can list their valid values. */
  public enum Vocabulary {
    INGREDIENT("ingredient", "/api/v1/ingredients", RuleTable::ingredients),
    JURISDICTION("jurisdiction", "/api/v1/jurisdictions", RuleTable::jurisdictions),
    SOURCE("source", "/api/v1/sources", RuleTable::sources),
    DELIVERY_METHOD("delivery method", "/api/v1/delivery-methods", RuleTable::deliveryMethods);

    private final String noun;
    private final String listing;
    private final Function<RuleTable, Tree<?>> tree;

    Vocabulary(String noun, String listing, Function<RuleTable, Tree<?>> tree) {
      this.noun = noun;
      this.listing = listing;
      this.tree = tree;
    }
  }

  /** The most errors one answer lists; a catalogue with thousands of bad rows gets the first. */
  private static final int MAX_ERRORS = 100;

  /** The most entries a suggestion names. */
  private static final int SUGGESTIONS = 3;

  private final RuleTable table;
  private final List<FieldError> errors = new ArrayList<>();
  private int dropped;

  public Inputs(RuleTable table) {
    this.table = table;
  }

  /** The canonical id of a code; null, with an error recorded, when it is missing or unknown. */
  public String code(Vocabulary vocabulary, String field, String value, boolean required) {
    return code(vocabulary, field, value, required, "");
  }

  /** As {@link #code}, with {@code context} (e.g. "product SKU-1: ") opening any message. */
  public String code(
      Vocabulary vocabulary, String field, String value, boolean required, String context) {
    if (value == null || value.isBlank()) {
      if (required) {
        fail(
            field,
            context + "is required; the valid values are listed at GET " + vocabulary.listing);
      }
      return null;
    }
    Tree<?> tree = vocabulary.tree.apply(table);
    String id = tree.resolve(value).orElse(null);
    if (id == null) {
      fail(
          field,
          context
              + "unknown "
              + vocabulary.noun
              + " "
              + quote(value)
              + suggestion(tree, value)
              + "; the valid values are listed at GET "
              + vocabulary.listing);
    }
    return id;
  }

  /**
   * The policy an id names, in any case; null when none is asked for, or, with an error recorded,
   * when the table has no such policy.
   */
  public Policy policy(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String asked = value.strip();
    for (Policy policy : table.policies()) {
      if (policy.id().equalsIgnoreCase(asked)) {
        return policy;
      }
    }
    List<String> ids = table.policies().stream().map(Policy::id).toList();
    String close = Names.closest(asked, ids);
    fail(
        field,
        "unknown policy "
            + quote(value)
            + (close == null ? "" : "; did you mean " + close + "?")
            + "; the policies are listed at GET /api/v1/policies");
    return null;
  }

  /** "; did you mean FR (France)?" for the entries closest to a value that matches none. */
  private static String suggestion(Tree<?> tree, String value) {
    List<String> close = tree.suggest(value, SUGGESTIONS);
    if (close.isEmpty()) {
      return "";
    }
    List<String> named = new ArrayList<>();
    for (String id : close) {
      String name = tree.get(id).name();
      named.add(name == null || Tree.key(name).equals(Tree.key(id)) ? id : id + " (" + name + ")");
    }
    return "; did you mean " + String.join(" or ", named) + "?";
  }

  /** The charset a body's Content-Type names; UTF-8 when it names none. */
  public static Charset charset(MediaType type) {
    String name = type == null ? null : type.getParameters().get("charset");
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "Content-Type", "charset " + quote(name) + " is not known; send UTF-8")));
    }
  }

  public LocalDate date(String field, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      fail(field, quote(value) + " is not a date; write it as YYYY-MM-DD");
      return null;
    }
  }

  public int integer(String field, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    fail(field, quote(value) + " is not a whole number from " + min + " to " + max);
    return fallback;
  }

  /** {@code true} or {@code false} in any case; {@code false} when absent. */
  public boolean flag(String field, String value) {
    if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.strip().equalsIgnoreCase("true")) {
      return true;
    }
    fail(field, quote(value) + " is not true or false");
    return false;
  }

  public Status status(String field, String value, Status fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      fail(field, quote(value) + " is not one of " + List.of(Status.values()));
      return fallback;
    }
  }

  public void fail(String field, String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new FieldError(field, message));
    } else {
      dropped++;
    }
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /** Throws the 400 problem naming every invalid field, if there is one. */
  public void check() {
    if (!errors.isEmpty()) {
      List<FieldError> reported = new ArrayList<>(errors);
      if (dropped > 0) {
        reported.add(new FieldError("", dropped + " more error(s) not listed"));
      }
      throw ProblemException.invalid(reported);
    }
  }

  /** The value as given, in quotes, cut short so that an answer never echoes a huge input. */
  public static String quote(String value) {
    return "'" + shown(value) + "'";
  }

  /**
   * The value as given, cut short, saying so, when it is over 64 characters: an answer names an
   * input so that a person can find it, and never echoes a huge one.
   */
  public static String shown(String value) {
    return value.length() <= 64
        ? value
        : value.substring(0, 64) + "... (the first 64 of " + value.length() + " characters)";
  }
}
