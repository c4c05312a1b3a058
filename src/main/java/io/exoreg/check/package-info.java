/**
 * The check API: a product catalogue (JSON or CSV) decided against the current snapshot for every
 * product x market, judged by fail and warn thresholds, and written as JSON, JUnit XML, SARIF
 * 2.1.0, text or GitHub workflow commands. Reading and judging are plain Java over the decision
 * core; only {@link io.exoreg.check.CheckResource} is HTTP.
 */
package io.exoreg.check;
