package io.exoreg.ruleset;

/** One reason a table or an entry was refused: the offending field's path and what is wrong. */
public record Violation(String field, String message) {}
