-- History: each revision keeps the whole table as it was (a gzip-compressed bundle), and every
-- entry a revision added, changed or removed, with its state before and after.
ALTER TABLE revision ADD COLUMN snapshot bytea;

CREATE TABLE table_change (
    id        bigserial PRIMARY KEY,
    revision  bigint NOT NULL REFERENCES revision (revision),
    action    text   NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
    entity    text   NOT NULL,
    entity_id text   NOT NULL,
    before    text,
    after     text
);
CREATE INDEX table_change_by_entity ON table_change (entity, entity_id, id);
CREATE INDEX table_change_by_revision ON table_change (revision, id);

-- API keys for writes: only a SHA-256 hash of each secret is kept. Revoked keys stay, for the record.
CREATE TABLE api_key (
    name        text        PRIMARY KEY,
    secret_hash bytea       NOT NULL UNIQUE,
    admin       boolean     NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text
);
