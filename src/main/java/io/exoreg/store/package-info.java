/**
 * The rule store: the only package that talks to the database, through Hibernate ORM with Panache
 * over the schema Flyway owns (its entities never leave the package). The transactional import and
 * editing of a table, which write only the rows they change; revisions, their changes and the
 * checkpoints past tables are rebuilt from; API keys; the keys that sign receipts; the first-start
 * import of the default table; and the holder of the current snapshot that reads are answered from,
 * replaced only after a commit succeeds. Depends on the decision core and the ruleset format.
 */
package io.exoreg.store;
