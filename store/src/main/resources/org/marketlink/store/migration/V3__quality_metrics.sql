-- Data-quality metric history: one value per dataset, rule and time, with free tags.

CREATE TABLE quality_metrics (
    dataset     VARCHAR(200)             NOT NULL,
    rule        VARCHAR(500)             NOT NULL,
    measured_at TIMESTAMP WITH TIME ZONE NOT NULL,
    tags        VARCHAR(1000)            NOT NULL,
    metric      DOUBLE PRECISION,
    status      VARCHAR(20)              NOT NULL,
    PRIMARY KEY (dataset, rule, measured_at, tags)
);
