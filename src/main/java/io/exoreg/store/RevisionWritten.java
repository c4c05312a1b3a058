package io.exoreg.store;

import io.exoreg.decision.RuleTable;
import io.exoreg.ruleset.Change;
import java.util.List;

/**
 * Fired inside the transaction that writes a revision, before it commits: what an observer writes
 * then commits with the revision, or not at all. Observed after success, it says the revision is
 * committed.
 *
 * @param before the table the revision was made from
 * @param after the table it makes
 * @param changes what it changed
 */
public record RevisionWritten(RuleTable before, RuleTable after, List<Change> changes) {}
