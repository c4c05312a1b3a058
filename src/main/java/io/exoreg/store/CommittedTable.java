package io.exoreg.store;

import io.exoreg.decision.RuleTable;

/**
 * The table as a transaction committed or read it; observers act on it only once that transaction
 * has succeeded, so a table from a rolled-back change is never seen.
 *
 * @param checkpointDue whether the revision should keep a copy of the whole table
 */
record CommittedTable(RuleTable table, boolean checkpointDue) {}
