/**
 * What operators watch at {@code /q/metrics}: decisions by status and jurisdiction, check runs, the
 * snapshot's revision, age and staleness, and HTTP latency histograms.
 */
package io.exoreg.metrics;
