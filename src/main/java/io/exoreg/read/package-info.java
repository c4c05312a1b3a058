/**
 * The read API under {@code /api/v1}: status, matrix, vocabularies and rules, answered from the
 * current snapshot without touching the database, with HTTP caching. Nothing depends on it.
 */
package io.exoreg.read;
