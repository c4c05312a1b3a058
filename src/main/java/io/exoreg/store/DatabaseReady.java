package io.exoreg.store;

/**
 * Fired, to asynchronous observers, once the database answers with its schema migrated and checked:
 * what else needs the database before the service is ready reads it then, while the table loads.
 * The bootstrap ends once both have, and a failure of either makes it try again.
 */
public record DatabaseReady() {}
