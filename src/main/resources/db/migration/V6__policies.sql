-- Retailers' and brands' own rules on top of the law. A policy is written and read whole, so its
-- rules are kept as the JSON array of its bundle entry; every write checks them against the table
-- (their ingredients, jurisdictions, sources, delivery methods and references) before it commits.
CREATE TABLE policy (
    id          text    PRIMARY KEY,
    position    integer NOT NULL,
    name        text    NOT NULL,
    description text,
    rules       text    NOT NULL
);
CREATE INDEX policy_position ON policy (position);
