-- A revision keeps its changes; only some revisions (every import, and every so many edits) also keep
-- the whole table. The whole-table copies every revision kept until now become those checkpoints.
ALTER TABLE revision RENAME COLUMN snapshot TO checkpoint;

-- Change ids are drawn in blocks of 50, so that an import's changes are written in batches; the feed
-- is ordered by revision, then id.
ALTER SEQUENCE table_change_id_seq INCREMENT BY 50;

-- A new entry goes after the last one of its kind.
CREATE INDEX rule_position ON rule (position);

-- Every question is answered from the snapshot in memory; no query looks rules up by their codes.
DROP INDEX rule_lookup;
