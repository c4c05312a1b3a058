/**
 * The rule store: the only package that knows JPA. Entities mapped onto the Flyway schema, the
 * transactional import of a table, the first-start import of the default table, and the holder of
 * the current snapshot that reads are answered from. Depends on the decision core and the ruleset
 * format.
 */
package io.exoreg.store;
