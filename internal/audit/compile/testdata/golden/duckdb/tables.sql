-- Views over the log files themselves, in the shapes the other targets' tables have: CloudTrail as Athena's
-- table (delivered files, {"Records": [...]}, gzip), Cloud Audit Logs as BigQuery's export tables (LogEntry
-- JSON lines) and the Azure Activity Log as Sentinel's AzureActivity table (diagnostic settings exports,
-- {"records": [...]}). Set the paths with mlguard audit compile --logs DIR; drop the views of a cloud
-- whose logs you do not have, and its part of the queries reads nothing. The views read the files on every
-- query: to run all detectors, copy each view into a table of its name once (CREATE TABLE ... AS SELECT).
CREATE OR REPLACE VIEW cloudtrail AS
SELECT
  r->>'eventVersion' AS eventversion,
  json_transform(r->'userIdentity', '{"type":"VARCHAR","principalId":"VARCHAR","arn":"VARCHAR","accountId":"VARCHAR","invokedBy":"VARCHAR","accessKeyId":"VARCHAR","userName":"VARCHAR","sessionContext":{"sessionIssuer":{"type":"VARCHAR","principalId":"VARCHAR","arn":"VARCHAR","accountId":"VARCHAR","userName":"VARCHAR"},"sourceIdentity":"VARCHAR"}}') AS useridentity,
  r->>'eventTime' AS eventtime,
  r->>'eventSource' AS eventsource,
  r->>'eventName' AS eventname,
  r->>'awsRegion' AS awsregion,
  r->>'sourceIPAddress' AS sourceipaddress,
  r->>'userAgent' AS useragent,
  r->>'errorCode' AS errorcode,
  r->>'errorMessage' AS errormessage,
  CAST(r->'requestParameters' AS VARCHAR) AS requestparameters,
  CAST(r->'responseElements' AS VARCHAR) AS responseelements,
  CAST(r->'additionalEventData' AS VARCHAR) AS additionaleventdata,
  r->>'requestID' AS requestid,
  r->>'eventID' AS eventid,
  json_transform(r->'resources', '[{"ARN":"VARCHAR","accountId":"VARCHAR","type":"VARCHAR"}]') AS resources,
  r->>'eventType' AS eventtype,
  r->>'recipientAccountId' AS recipientaccountid,
  r->>'vpcEndpointId' AS vpcendpointid,
  r->>'eventCategory' AS eventcategory,
  strftime(CAST(r->>'eventTime' AS TIMESTAMPTZ) AT TIME ZONE 'UTC', '%Y/%m/%d') AS "timestamp"
FROM (
  SELECT unnest(json_extract(json, '$.Records[*]')) AS r
  FROM read_json_objects('/var/log/mlguard/**/CloudTrail/*/*/*/*/*.json.gz', maximum_object_size = 134217728)
);

CREATE OR REPLACE VIEW gcp_entries AS
SELECT json AS j FROM read_json_objects('/var/log/mlguard/gcp/**/*.jsonl', format = 'newline_delimited');

CREATE OR REPLACE VIEW cloudaudit_googleapis_com_activity AS
SELECT
  CAST(j->>'timestamp' AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS "timestamp",
  j->>'logName' AS logName,
  j->>'insertId' AS insertId,
  struct_pack(type := j->'resource'->>'type', labels := struct_pack(project_id := j->'resource'->'labels'->>'project_id',
    location := j->'resource'->'labels'->>'location')) AS resource,
  struct_pack(
    serviceName := j->'protoPayload'->>'serviceName',
    methodName := j->'protoPayload'->>'methodName',
    resourceName := j->'protoPayload'->>'resourceName',
    authenticationInfo := struct_pack(principalEmail := j->'protoPayload'->'authenticationInfo'->>'principalEmail'),
    requestMetadata := struct_pack(callerIp := j->'protoPayload'->'requestMetadata'->>'callerIp',
      callerSuppliedUserAgent := j->'protoPayload'->'requestMetadata'->>'callerSuppliedUserAgent'),
    status := struct_pack(code := CAST(j->'protoPayload'->'status'->>'code' AS BIGINT), message := j->'protoPayload'->'status'->>'message'),
    requestJson := CAST(j->'protoPayload'->'request' AS VARCHAR)) AS protopayload_auditlog
FROM gcp_entries
WHERE j->>'logName' NOT LIKE '%data_access';

CREATE OR REPLACE VIEW cloudaudit_googleapis_com_data_access AS
SELECT
  CAST(j->>'timestamp' AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS "timestamp",
  j->>'logName' AS logName,
  j->>'insertId' AS insertId,
  struct_pack(type := j->'resource'->>'type', labels := struct_pack(project_id := j->'resource'->'labels'->>'project_id',
    location := j->'resource'->'labels'->>'location')) AS resource,
  struct_pack(
    serviceName := j->'protoPayload'->>'serviceName',
    methodName := j->'protoPayload'->>'methodName',
    resourceName := j->'protoPayload'->>'resourceName',
    authenticationInfo := struct_pack(principalEmail := j->'protoPayload'->'authenticationInfo'->>'principalEmail'),
    requestMetadata := struct_pack(callerIp := j->'protoPayload'->'requestMetadata'->>'callerIp',
      callerSuppliedUserAgent := j->'protoPayload'->'requestMetadata'->>'callerSuppliedUserAgent'),
    status := struct_pack(code := CAST(j->'protoPayload'->'status'->>'code' AS BIGINT), message := j->'protoPayload'->'status'->>'message'),
    requestJson := CAST(j->'protoPayload'->'request' AS VARCHAR)) AS protopayload_auditlog
FROM gcp_entries
WHERE j->>'logName' LIKE '%data_access';

CREATE OR REPLACE VIEW azure_activity AS
SELECT
  CAST(COALESCE(r->>'time', r->>'eventTimestamp') AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TimeGenerated,
  COALESCE(r->'operationName'->>'value', r->>'operationName') AS OperationNameValue,
  COALESCE(NULLIF(r->>'caller', ''), r->'identity'->'claims'->>'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn', r->'claims'->>'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
    r->'identity'->'claims'->>'name', r->'identity'->'claims'->>'appid') AS Caller,
  COALESCE(NULLIF(r->>'callerIpAddress', ''), r->'httpRequest'->>'clientIpAddress') AS CallerIpAddress,
  r->>'resourceId' AS ResourceId,
  COALESCE(NULLIF(r->>'subscriptionId', ''), split_part(lower(r->>'resourceId'), '/', 3)) AS SubscriptionId,
  COALESCE(NULLIF(COALESCE(r->'resultType'->>'value', r->>'resultType'), ''), r->'status'->>'value', r->>'status') AS ActivityStatusValue,
  CAST(r->'properties' AS VARCHAR) AS Properties,
  COALESCE(NULLIF(r->>'eventDataId', ''), r->>'correlationId') AS EventDataId
FROM (
  SELECT unnest(json_extract(json, '$.records[*]')) AS r
  FROM read_json_objects('/var/log/mlguard/azure/**/*.json', maximum_object_size = 134217728)
);
