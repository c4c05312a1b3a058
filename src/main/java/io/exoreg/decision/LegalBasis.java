package io.exoreg.decision;

/** The instrument and provision a rule rests on, with a link to its text. */
public record LegalBasis(String instrument, String provision, String url) {}
