package io.exoreg.store;

/**
 * Fired, to asynchronous observers, once the database answers with its schema migrated and checked:
 * what else needs the database before the service is ready reads it then, while the table loads.
 * The bootstrap ends once both have. A failure before the table is installed makes the bootstrap
 * try again; after it, the observer's own periodic read must mend it, as the bootstrap is over.
 */
public record DatabaseReady() {}
