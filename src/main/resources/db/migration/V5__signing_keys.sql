-- The keys that sign decision receipts. A generated key keeps its private half here (PKCS#8), so
-- that every instance on the database signs with it; a key read from a file is recorded by its
-- public half alone, so that receipts it signed stay verifiable after the file is replaced.
-- Retired keys stay, for the receipts they signed.
CREATE TABLE signing_key (
    kid         text        PRIMARY KEY,
    algorithm   text        NOT NULL,
    public_key  bytea       NOT NULL,
    private_key bytea,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz,
    retired_by  text
);
-- At most one generated key signs at a time.
CREATE UNIQUE INDEX signing_key_one_current ON signing_key ((true))
    WHERE private_key IS NOT NULL AND retired_at IS NULL;
