package io.exoreg.store;

/**
 * Fired, synchronously, once the database answers with its schema migrated and checked, before the
 * first snapshot is installed: what else needs the database before the service is ready reads it
 * then, and a failure makes the bootstrap try again.
 */
public record DatabaseReady() {}
