/**
 * The editing API: writes of single entries, whole-table imports and exports, the change feed, and
 * API keys, with their authentication through Quarkus Security (a bearer-key mechanism, an identity
 * provider and scopes as roles). It depends on the decision core, the bundle format, the store and
 * the error format; nothing depends on it.
 */
package io.exoreg.edit;
