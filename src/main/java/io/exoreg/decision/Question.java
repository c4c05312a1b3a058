package io.exoreg.decision;

import java.time.LocalDate;

/**
 * What a caller asks, in canonical ids: may this ingredient, from this source, delivered this way,
 * be used here on this day?
 */
public record Question(
    String ingredient, String jurisdiction, String source, String deliveryMethod, LocalDate at) {}
