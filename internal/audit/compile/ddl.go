package compile

import (
	"fmt"
	"path"
	"strings"
)

// cloudTrailColumns is the CloudTrail table as AWS documents it for Athena
// (the columns the queries read are all here; the others are kept so the
// definition can be used as it stands).
const cloudTrailColumns = `  eventversion STRING,
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
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>`

func athenaDDL(o *Options) string {
	return header("-- ",
		"The CloudTrail table the queries read, as AWS documents it for Athena, with partition projection on the",
		"delivery date so a query reads only the days of its learning period and detection window. Replace BUCKET,",
		"ACCOUNT and REGION (or project more partitions: account and region) and run this once.") +
		"CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail (\n" + cloudTrailColumns + `
)
PARTITIONED BY (` + "`timestamp`" + ` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://BUCKET/AWSLogs/ACCOUNT/CloudTrail/REGION'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.timestamp.type' = 'date',
  'projection.timestamp.format' = 'yyyy/MM/dd',
  'projection.timestamp.interval' = '1',
  'projection.timestamp.interval.unit' = 'DAYS',
  'projection.timestamp.range' = '2024/01/01,NOW',
  'storage.location.template' = 's3://BUCKET/AWSLogs/ACCOUNT/CloudTrail/REGION/${timestamp}'
);
`
}

// gcpColumns is the part of the BigQuery export schema of Cloud Audit
// Logs (cloudaudit_googleapis_com_activity and _data_access) the queries
// read.
func gcpColumns(str, ts, long, structOpen, structClose, sep string) string {
	s := func(fields ...string) string { return structOpen + strings.Join(fields, ", ") + structClose }
	return strings.Join([]string{
		"  logName " + str,
		"  " + "timestamp" + " " + ts,
		"  insertId " + str,
		"  resource " + s("type"+sep+str, "labels"+sep+s("project_id"+sep+str, "location"+sep+str)),
		"  protopayload_auditlog " + s("serviceName"+sep+str, "methodName"+sep+str, "resourceName"+sep+str,
			"authenticationInfo"+sep+s("principalEmail"+sep+str),
			"requestMetadata"+sep+s("callerIp"+sep+str, "callerSuppliedUserAgent"+sep+str),
			"status"+sep+s("code"+sep+long, "message"+sep+str), "requestJson"+sep+str),
	}, ",\n")
}

func bigqueryDDL(o *Options) string {
	var b strings.Builder
	b.WriteString(header("-- ",
		"The queries read Cloud Audit Logs as a log sink exports them to BigQuery (partitioned tables, not",
		"date-sharded): cloudaudit_googleapis_com_activity and cloudaudit_googleapis_com_data_access in one dataset.",
		"The sink creates them; this is the part of their schema the queries read, to check a dataset against.",
		"Data Access logs must be turned on for Cloud Storage and Vertex AI (they are off by default).",
		"Set the default dataset of the query (or prefix the table names with PROJECT.DATASET)."))
	for _, t := range []string{"cloudaudit_googleapis_com_activity", "cloudaudit_googleapis_com_data_access"} {
		fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n%s\n)\nPARTITION BY DATE(timestamp);\n\n", t,
			gcpColumns("STRING", "TIMESTAMP", "INT64", "STRUCT<", ">", " "))
	}
	return b.String()
}

func trinoDDL(o *Options) string {
	return header("-- ",
		"The queries read a CloudTrail table with Athena's definition (one record per row; the Hive connector cannot",
		"unwrap delivered files' Records array, so point it at records flattened to JSON lines or at an Iceberg copy)",
		"and the Cloud Audit Log tables with BigQuery's export schema (for example exported to Parquet). Hive",
		"connector definitions:") +
		"CREATE TABLE IF NOT EXISTS cloudtrail (\n" + trinoTypes(cloudTrailColumns) + "\n)\nWITH (format = 'JSON', external_location = 's3://BUCKET/cloudtrail-jsonl/');\n\n" +
		gcpTables("VARCHAR", "TIMESTAMP(6) WITH TIME ZONE", "BIGINT", "ROW(", ")", " ",
			"WITH (format = 'PARQUET', external_location = 's3://BUCKET/%s/')")
}

func sparkDDL(o *Options) string {
	return header("-- ",
		"The queries read a CloudTrail table with Athena's definition (one record per row) and the Cloud Audit Log",
		"tables with BigQuery's export schema. Run with spark.sql.session.timeZone=UTC. Definitions:") +
		"CREATE TABLE IF NOT EXISTS cloudtrail (\n" + cloudTrailColumns + "\n)\nUSING json\nLOCATION 's3://BUCKET/cloudtrail-jsonl/';\n\n" +
		gcpTables("STRING", "TIMESTAMP", "BIGINT", "STRUCT<", ">", ": ", "USING parquet LOCATION 's3://BUCKET/%s/'")
}

func gcpTables(str, ts, long, open, close, sep, with string) string {
	var b strings.Builder
	for _, t := range []string{"cloudaudit_googleapis_com_activity", "cloudaudit_googleapis_com_data_access"} {
		fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n%s\n)\n%s;\n\n", t, gcpColumns(str, ts, long, open, close, sep), fmt.Sprintf(with, t))
	}
	return b.String()
}

// trinoTypes turns Hive type names into Trino's.
func trinoTypes(cols string) string {
	r := strings.NewReplacer("STRUCT<", "ROW(", ">", ")", ": ", " ", "STRING", "VARCHAR", "ARRAY<ROW(", "ARRAY(ROW(", "MAP<", "MAP(")
	out := r.Replace(cols)
	// ARRAY<...> and MAP<...> close with ) after the replacement above.
	return strings.ReplaceAll(out, "ARRAY<", "ARRAY(")
}

// duckdbGlobs are where the duckdb target reads log files under --logs:
// the layout of a trail bucket copied with aws s3 sync, and of the Google
// Cloud and Azure exports as mlguard's generator writes them.
func duckdbGlobs(o *Options) (ct, gcp, az string) {
	dir := o.Logs
	if dir == "" {
		dir = "LOGS"
	}
	dir = strings.TrimRight(dir, "/")
	return path.Join(dir, "**/CloudTrail/*/*/*/*/*.json.gz"), path.Join(dir, "gcp/**/*.jsonl"), path.Join(dir, "azure/**/*.json")
}

func duckdbDDL(o *Options) string {
	ct, gcp, az := duckdbGlobs(o)
	upn := "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"
	gcpStruct := func(where string) string {
		return `SELECT
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
WHERE ` + where
	}
	return header("-- ",
		"Views over the log files themselves, in the shapes the other targets' tables have: CloudTrail as Athena's",
		"table (delivered files, {\"Records\": [...]}, gzip), Cloud Audit Logs as BigQuery's export tables (LogEntry",
		"JSON lines) and the Azure Activity Log as Sentinel's AzureActivity table (diagnostic settings exports,",
		"{\"records\": [...]}). Set the paths with mlguard audit compile --logs DIR; drop the views of a cloud",
		"whose logs you do not have, and its part of the queries reads nothing. The views read the files on every",
		"query: to run all detectors, copy each view into a table of its name once (CREATE TABLE ... AS SELECT).") + fmt.Sprintf(`CREATE OR REPLACE VIEW cloudtrail AS
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
  strftime(CAST(r->>'eventTime' AS TIMESTAMPTZ) AT TIME ZONE 'UTC', '%%Y/%%m/%%d') AS "timestamp"
FROM (
  SELECT unnest(json_extract(json, '$.Records[*]')) AS r
  FROM read_json_objects(%s, maximum_object_size = 134217728)
);

CREATE OR REPLACE VIEW gcp_entries AS
SELECT json AS j FROM read_json_objects(%s, format = 'newline_delimited');

CREATE OR REPLACE VIEW cloudaudit_googleapis_com_activity AS
%s;

CREATE OR REPLACE VIEW cloudaudit_googleapis_com_data_access AS
%s;

CREATE OR REPLACE VIEW azure_activity AS
SELECT
  CAST(COALESCE(r->>'time', r->>'eventTimestamp') AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TimeGenerated,
  COALESCE(r->'operationName'->>'value', r->>'operationName') AS OperationNameValue,
  COALESCE(NULLIF(r->>'caller', ''), r->'identity'->'claims'->>%s, r->'claims'->>%s,
    r->'identity'->'claims'->>'name', r->'identity'->'claims'->>'appid') AS Caller,
  COALESCE(NULLIF(r->>'callerIpAddress', ''), r->'httpRequest'->>'clientIpAddress') AS CallerIpAddress,
  r->>'resourceId' AS ResourceId,
  COALESCE(NULLIF(r->>'subscriptionId', ''), split_part(lower(r->>'resourceId'), '/', 3)) AS SubscriptionId,
  COALESCE(NULLIF(COALESCE(r->'resultType'->>'value', r->>'resultType'), ''), r->'status'->>'value', r->>'status') AS ActivityStatusValue,
  CAST(r->'properties' AS VARCHAR) AS Properties,
  COALESCE(NULLIF(r->>'eventDataId', ''), r->>'correlationId') AS EventDataId
FROM (
  SELECT unnest(json_extract(json, '$.records[*]')) AS r
  FROM read_json_objects(%s, maximum_object_size = 134217728)
);
`, sqlString(ct), sqlString(gcp), gcpStruct("j->>'logName' NOT LIKE '%data_access'"), gcpStruct("j->>'logName' LIKE '%data_access'"),
		sqlString(upn), sqlString(upn), sqlString(az))
}
