-- Labelled training sets, one version per pipeline run: the run id is the version, and the model registry's
-- run_id of a model trained on it, so a model leads to the exact rows it learned from.
CREATE TABLE training_sets (
    set_name      VARCHAR(200)             NOT NULL,
    run_id        VARCHAR(100)             NOT NULL,
    feature_names ${text}                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (set_name, run_id)
);

-- entity_keys: a JSON object of what the row is about ({"shg": "...", "buyer": "..."}), found by erasure as text;
-- features: a JSON array in the set's feature order, null where a value is missing.
CREATE TABLE training_examples (
    set_name    VARCHAR(200)             NOT NULL,
    run_id      VARCHAR(100)             NOT NULL,
    row_no      BIGINT                   NOT NULL,
    entity_keys ${text}                  NOT NULL,
    as_of       TIMESTAMP WITH TIME ZONE NOT NULL,
    label       DOUBLE PRECISION         NOT NULL,
    features    ${text}                  NOT NULL,
    PRIMARY KEY (set_name, run_id, row_no)
);
