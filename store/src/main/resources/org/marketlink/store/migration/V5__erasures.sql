-- A record of every erase of a data subject, holding nothing about the subject: the kind, when, what was erased
-- where, and an id the host can keep beside its own request. The subject's key is not stored (it is personal data).

CREATE TABLE erasures (
    id            UUID                     PRIMARY KEY,
    kind          VARCHAR(100)             NOT NULL,
    erased_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    rows_by_table ${text}                  NOT NULL
);
