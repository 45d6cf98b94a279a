-- The queries read a CloudTrail table with Athena's definition (one record per row; the Hive connector cannot
-- unwrap delivered files' Records array, so point it at records flattened to JSON lines or at an Iceberg copy)
-- and the Cloud Audit Log tables with BigQuery's export schema (for example exported to Parquet). Hive
-- connector definitions:
CREATE TABLE IF NOT EXISTS cloudtrail (
  eventversion VARCHAR,
  useridentity ROW(
    type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR,
    accesskeyid VARCHAR, username VARCHAR, onbehalfof ROW(userid VARCHAR, identitystorearn VARCHAR),
    sessioncontext ROW(
      attributes ROW(mfaauthenticated VARCHAR, creationdate VARCHAR),
      sessionissuer ROW(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR),
      ec2roledelivery VARCHAR, webidfederationdata ROW(federatedprovider VARCHAR, attributes MAP(VARCHAR, VARCHAR)),
      sourceidentity VARCHAR)),
  eventtime VARCHAR,
  eventsource VARCHAR,
  eventname VARCHAR,
  awsregion VARCHAR,
  sourceipaddress VARCHAR,
  useragent VARCHAR,
  errorcode VARCHAR,
  errormessage VARCHAR,
  requestparameters VARCHAR,
  responseelements VARCHAR,
  additionaleventdata VARCHAR,
  requestid VARCHAR,
  eventid VARCHAR,
  resources ARRAY(ROW(arn VARCHAR, accountid VARCHAR, type VARCHAR)),
  eventtype VARCHAR,
  apiversion VARCHAR,
  readonly VARCHAR,
  recipientaccountid VARCHAR,
  serviceeventdetails VARCHAR,
  sharedeventid VARCHAR,
  vpcendpointid VARCHAR,
  eventcategory VARCHAR,
  tlsdetails ROW(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR)
)
WITH (format = 'JSON', external_location = 's3://BUCKET/cloudtrail-jsonl/');

CREATE TABLE IF NOT EXISTS cloudaudit_googleapis_com_activity (
  logName VARCHAR,
  timestamp TIMESTAMP(6) WITH TIME ZONE,
  insertId VARCHAR,
  resource ROW(type VARCHAR, labels ROW(project_id VARCHAR, location VARCHAR)),
  protopayload_auditlog ROW(serviceName VARCHAR, methodName VARCHAR, resourceName VARCHAR, authenticationInfo ROW(principalEmail VARCHAR), requestMetadata ROW(callerIp VARCHAR, callerSuppliedUserAgent VARCHAR), status ROW(code BIGINT, message VARCHAR), requestJson VARCHAR)
)
WITH (format = 'PARQUET', external_location = 's3://BUCKET/cloudaudit_googleapis_com_activity/');

CREATE TABLE IF NOT EXISTS cloudaudit_googleapis_com_data_access (
  logName VARCHAR,
  timestamp TIMESTAMP(6) WITH TIME ZONE,
  insertId VARCHAR,
  resource ROW(type VARCHAR, labels ROW(project_id VARCHAR, location VARCHAR)),
  protopayload_auditlog ROW(serviceName VARCHAR, methodName VARCHAR, resourceName VARCHAR, authenticationInfo ROW(principalEmail VARCHAR), requestMetadata ROW(callerIp VARCHAR, callerSuppliedUserAgent VARCHAR), status ROW(code BIGINT, message VARCHAR), requestJson VARCHAR)
)
WITH (format = 'PARQUET', external_location = 's3://BUCKET/cloudaudit_googleapis_com_data_access/');

