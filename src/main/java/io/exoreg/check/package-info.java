/**
 * The check and impact APIs: a product catalogue (JSON or CSV) decided against the current snapshot
 * for every product x market, judged by fail and warn thresholds, and written as JSON, JUnit XML,
 * SARIF 2.1.0, text or GitHub workflow commands; and what changes for a catalogue between two
 * revisions or over the days ahead. Deciding, judging and writing reports are plain Java over the
 * decision core; {@link io.exoreg.check.CheckResource} and {@link io.exoreg.check.ImpactResource}
 * are the HTTP, and {@link io.exoreg.check.CatalogueReader} answers a catalogue it cannot read, or
 * one over the limits, with the problem a client gets (400 or 413).
 */
package io.exoreg.check;
