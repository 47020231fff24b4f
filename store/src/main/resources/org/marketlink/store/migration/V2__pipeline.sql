-- Pipeline bookkeeping: quarantined rows and the lineage of each run.

CREATE TABLE quarantine (
    run_id      VARCHAR(64)   NOT NULL,
    chunk_index BIGINT        NOT NULL,
    seq         INTEGER       NOT NULL,
    reason_code VARCHAR(100)  NOT NULL,
    stage       VARCHAR(200)  NOT NULL,
    column_name VARCHAR(200)  NOT NULL,
    message     ${text}       NOT NULL,
    raw         ${text}       NOT NULL,
    row_number  BIGINT        NOT NULL,
    source      VARCHAR(1000) NOT NULL,
    PRIMARY KEY (run_id, chunk_index, seq)
);
CREATE INDEX quarantine_reason_idx ON quarantine (run_id, reason_code);

CREATE TABLE lineage (
    run_id      VARCHAR(64)              PRIMARY KEY,
    source      VARCHAR(1000)            NOT NULL,
    stages      ${json}                  NOT NULL,
    target      VARCHAR(1000)            NOT NULL,
    rows_in     BIGINT                   NOT NULL,
    rows_out    BIGINT                   NOT NULL,
    quarantined BIGINT                   NOT NULL,
    checksum    VARCHAR(32)              NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    report      ${json}                  NOT NULL
);
