-- The queries read Cloud Audit Logs as a log sink exports them to BigQuery (partitioned tables, not
-- date-sharded): cloudaudit_googleapis_com_activity and cloudaudit_googleapis_com_data_access in one dataset.
-- The sink creates them; this is the part of their schema the queries read, to check a dataset against.
-- Data Access logs must be turned on for Cloud Storage and Vertex AI (they are off by default).
-- Set the default dataset of the query (or prefix the table names with PROJECT.DATASET).
CREATE TABLE IF NOT EXISTS cloudaudit_googleapis_com_activity (
  logName STRING,
  timestamp TIMESTAMP,
  insertId STRING,
  resource STRUCT<type STRING, labels STRUCT<project_id STRING, location STRING>>,
  protopayload_auditlog STRUCT<serviceName STRING, methodName STRING, resourceName STRING, authenticationInfo STRUCT<principalEmail STRING>, requestMetadata STRUCT<callerIp STRING, callerSuppliedUserAgent STRING>, status STRUCT<code INT64, message STRING>, requestJson STRING>
)
PARTITION BY DATE(timestamp);

CREATE TABLE IF NOT EXISTS cloudaudit_googleapis_com_data_access (
  logName STRING,
  timestamp TIMESTAMP,
  insertId STRING,
  resource STRUCT<type STRING, labels STRUCT<project_id STRING, location STRING>>,
  protopayload_auditlog STRUCT<serviceName STRING, methodName STRING, resourceName STRING, authenticationInfo STRUCT<principalEmail STRING>, requestMetadata STRUCT<callerIp STRING, callerSuppliedUserAgent STRING>, status STRUCT<code INT64, message STRING>, requestJson STRING>
)
PARTITION BY DATE(timestamp);

