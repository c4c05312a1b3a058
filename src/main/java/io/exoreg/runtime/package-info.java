/**
 * Running the service: the entry point that starts the embedded PostgreSQL when no datasource is
 * configured, typed settings, and the clock that "today" comes from.
 */
package io.exoreg.runtime;
