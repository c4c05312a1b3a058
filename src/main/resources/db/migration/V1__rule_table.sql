-- The rule table: vocabularies, references, rules, and the revision that every committed change moves.
-- Each table keeps the position of its entries so that an export lists them in the order imported.

CREATE TABLE ruleset (
    id           smallint PRIMARY KEY CHECK (id = 1),
    revision     bigint   NOT NULL CHECK (revision >= 0),
    title        text,
    published_on text,
    disclaimer   text,
    statuses     jsonb    NOT NULL DEFAULT '{}'
);
-- Revision 0 is the empty table; writers lock this row, so changes commit one at a time.
INSERT INTO ruleset (id, revision) VALUES (1, 0);

CREATE TABLE revision (
    revision     bigint      PRIMARY KEY,
    committed_at timestamptz NOT NULL,
    actor        text        NOT NULL,
    description  text        NOT NULL
);

CREATE TABLE ingredient (
    id       text    PRIMARY KEY,
    label    text    NOT NULL,
    aliases  text[]  NOT NULL,
    position integer NOT NULL
);

CREATE TABLE jurisdiction (
    code      text    PRIMARY KEY,
    name      text    NOT NULL,
    parent    text    REFERENCES jurisdiction (code) DEFERRABLE INITIALLY DEFERRED,
    regulator text,
    notes     text,
    aliases   text[]  NOT NULL,
    position  integer NOT NULL
);

CREATE TABLE source (
    id       text    PRIMARY KEY,
    parent   text    REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    label    text    NOT NULL,
    aliases  text[]  NOT NULL,
    position integer NOT NULL
);

CREATE TABLE delivery_method (
    id       text    PRIMARY KEY,
    parent   text    REFERENCES delivery_method (id) DEFERRABLE INITIALLY DEFERRED,
    label    text    NOT NULL,
    aliases  text[]  NOT NULL,
    position integer NOT NULL
);

CREATE TABLE citation (
    id        text    PRIMARY KEY,
    title     text    NOT NULL,
    publisher text,
    date      text,
    url       text,
    kind      text,
    position  integer NOT NULL
);

CREATE TABLE rule (
    id               text    PRIMARY KEY,
    ingredient       text    NOT NULL REFERENCES ingredient (id) DEFERRABLE INITIALLY DEFERRED,
    jurisdiction     text    NOT NULL REFERENCES jurisdiction (code) DEFERRABLE INITIALLY DEFERRED,
    source           text    NOT NULL REFERENCES source (id) DEFERRABLE INITIALLY DEFERRED,
    delivery_method  text    NOT NULL REFERENCES delivery_method (id) DEFERRABLE INITIALLY DEFERRED,
    status           text    NOT NULL
        CHECK (status IN ('PERMITTED', 'RESTRICTED', 'UNKNOWN', 'NOT_APPROVED', 'PROHIBITED')),
    conditions       text[]  NOT NULL,
    legal_instrument text,
    legal_provision  text,
    legal_url        text,
    citations        text[]  NOT NULL,
    effective_from   date,
    effective_to     date,
    confidence       text    NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
    verified_on      date,
    notes            text,
    position         integer NOT NULL,
    CHECK (effective_from IS NULL OR effective_to IS NULL OR effective_from < effective_to),
    CHECK (status = 'UNKNOWN' OR legal_instrument IS NOT NULL)
);

CREATE INDEX rule_lookup ON rule (ingredient, jurisdiction, source, delivery_method);
