/**
 * The {@code exoreg-ruleset/1} bundle format: parsing, every validation rule of a table, and
 * conversion to and from the snapshot. Plain Java and Jackson; depends only on the decision core.
 */
package io.exoreg.ruleset;
