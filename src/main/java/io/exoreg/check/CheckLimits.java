package io.exoreg.check;

/** How much one check request may ask; checked before any decision is made. */
public record CheckLimits(int maxProducts, int maxDecisions) {}
