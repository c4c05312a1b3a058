package io.exoreg.read;

import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.decision.Tree;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns query parameters into canonical codes against one snapshot, collecting every invalid
 * parameter so that one 400 answer names them all.
 */
final class Params {
  private final RuleTable table;
  private final List<FieldError> errors = new ArrayList<>();

  Params(RuleTable table) {
    this.table = table;
  }

  String jurisdiction(String value, boolean required) {
    return code("jurisdiction", value, required, table.jurisdictions(), "/api/v1/jurisdictions");
  }

  String ingredient(String value, String fallback) {
    String given = value == null || value.isBlank() ? fallback : value;
    return code("ingredient", given, true, table.ingredients(), "/api/v1/ingredients");
  }

  String source(String value, boolean required) {
    return code("source", value, required, table.sources(), "/api/v1/sources");
  }

  String deliveryMethod(String value, boolean required) {
    return code(
        "deliveryMethod", value, required, table.deliveryMethods(), "/api/v1/delivery-methods");
  }

  LocalDate date(String name, String value, LocalDate fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, quote(value) + " is not a date; write it as YYYY-MM-DD"));
      return null;
    }
  }

  int integer(String name, String value, int fallback, int min, int max) {
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
    errors.add(
        new FieldError(name, quote(value) + " is not a whole number from " + min + " to " + max));
    return fallback;
  }

  Status status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError("status", quote(value) + " is not one of " + List.of(Status.values())));
      return null;
    }
  }

  /** Throws the 400 problem naming every invalid parameter, if there is one. */
  void check() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  private String code(String name, String value, boolean required, Tree<?> tree, String listing) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(
            new FieldError(name, "is required; the valid values are listed at GET " + listing));
      }
      return null;
    }
    return tree.resolve(value)
        .orElseGet(
            () -> {
              errors.add(
                  new FieldError(
                      name,
                      "unknown "
                          + name
                          + " "
                          + quote(value)
                          + "; the valid values are listed at GET "
                          + listing));
              return null;
            });
  }

  /** The value as given, cut short so that an answer never echoes a huge input. */
  static String quote(String value) {
    String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return "'" + shown + "'";
  }
}
