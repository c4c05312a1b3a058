/**
 * The decisions under {@code /api/v1}: status and matrix, answered from the current snapshot
 * without touching the database, kept per snapshot, with HTTP caching for every read. Nothing
 * depends on it.
 */
package io.exoreg.read;
