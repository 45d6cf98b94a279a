-- The queries read a CloudTrail table with Athena's definition (one record per row) and the Cloud Audit Log
-- tables with BigQuery's export schema. Run with spark.sql.session.timeZone=UTC. Definitions:
CREATE TABLE IF NOT EXISTS cloudtrail (
  eventversion STRING,
  useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING,
    accesskeyid: STRING, username: STRING, onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING, webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>,
      sourceidentity: STRING>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  readonly STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
USING json
LOCATION 's3://BUCKET/cloudtrail-jsonl/';

CREATE TABLE IF NOT EXISTS cloudaudit_googleapis_com_activity (
  logName STRING,
  timestamp TIMESTAMP,
  insertId STRING,
  resource STRUCT<type: STRING, labels: STRUCT<project_id: STRING, location: STRING>>,
  protopayload_auditlog STRUCT<serviceName: STRING, methodName: STRING, resourceName: STRING, authenticationInfo: STRUCT<principalEmail: STRING>, requestMetadata: STRUCT<callerIp: STRING, callerSuppliedUserAgent: STRING>, status: STRUCT<code: BIGINT, message: STRING>, requestJson: STRING>
)
USING parquet LOCATION 's3://BUCKET/cloudaudit_googleapis_com_activity/';

CREATE TABLE IF NOT EXISTS cloudaudit_googleapis_com_data_access (
  logName STRING,
  timestamp TIMESTAMP,
  insertId STRING,
  resource STRUCT<type: STRING, labels: STRUCT<project_id: STRING, location: STRING>>,
  protopayload_auditlog STRUCT<serviceName: STRING, methodName: STRING, resourceName: STRING, authenticationInfo: STRUCT<principalEmail: STRING>, requestMetadata: STRUCT<callerIp: STRING, callerSuppliedUserAgent: STRING>, status: STRUCT<code: BIGINT, message: STRING>, requestJson: STRING>
)
USING parquet LOCATION 's3://BUCKET/cloudaudit_googleapis_com_data_access/';

