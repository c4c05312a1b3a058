-- What each key may do, as a list of scopes: 'law' edits the law table, 'admin' manages keys and
-- may do everything, and scopes naming one entry ('policy:<id>') can be added without a new column.
-- Until now an admin key managed keys and every other key edited the table; each keeps what it had.
ALTER TABLE api_key ADD COLUMN scopes text[];
UPDATE api_key SET scopes = CASE WHEN admin THEN ARRAY['admin'] ELSE ARRAY['law'] END;
ALTER TABLE api_key
    ALTER COLUMN scopes SET NOT NULL,
    ADD CONSTRAINT api_key_has_a_scope CHECK (cardinality(scopes) > 0),
    DROP COLUMN admin;
