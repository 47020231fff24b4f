-- The run that wrote each forecast, for lineage: null for forecasts written outside a pipeline run.

ALTER TABLE demand_forecasts ADD COLUMN run_id VARCHAR(100);
