-- Feature store: one value per entity, feature version and event time; written in batches by pipeline runs.
CREATE TABLE feature_values (
    entity      VARCHAR(50)              NOT NULL,
    entity_key  VARCHAR(200)             NOT NULL,
    feature     VARCHAR(200)             NOT NULL,
    version     INTEGER                  NOT NULL,
    event_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    feature_value DOUBLE PRECISION,
    run_id      VARCHAR(100),
    PRIMARY KEY (entity, feature, version, entity_key, event_time)
);

-- Model registry: a model version with what it was trained on and how it scored; promotions keep their history.
CREATE TABLE models (
    name          VARCHAR(200)             NOT NULL,
    version       INTEGER                  NOT NULL,
    feature_set   VARCHAR(200)             NOT NULL,
    parameters    ${text}                  NOT NULL,
    run_id        VARCHAR(100),
    metrics       ${text}                  NOT NULL,
    artifact      ${bytes},
    artifact_path VARCHAR(1000),
    status        VARCHAR(20)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name, version)
);

CREATE TABLE model_promotions (
    name        VARCHAR(200)             NOT NULL,
    version     INTEGER                  NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    from_status VARCHAR(20)              NOT NULL,
    to_status   VARCHAR(20)              NOT NULL,
    gate        VARCHAR(500)             NOT NULL,
    passed      BOOLEAN                  NOT NULL,
    reason      VARCHAR(1000)            NOT NULL
);
CREATE INDEX model_promotions_by_model ON model_promotions (name, version, at);

-- Schema registry: every version of every dataset's schema, as JSON field lists.
CREATE TABLE schema_versions (
    dataset       VARCHAR(200)             NOT NULL,
    version       INTEGER                  NOT NULL,
    fields        ${text}                  NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dataset, version)
);
