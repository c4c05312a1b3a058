/**
 * The rule store: the only package that talks to the database, in plain JDBC on the pooled
 * datasource over the Flyway schema. The transactional import and editing of a table, its revisions
 * and changes, API keys, the first-start import of the default table, and the holder of the current
 * snapshot that reads are answered from. Depends on the decision core and the ruleset format.
 */
package io.exoreg.store;
