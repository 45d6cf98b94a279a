// Package gen writes realistic audit logs for tests and benchmarks: weeks
// of benign ML platform activity on AWS (CloudTrail delivered files),
// Google Cloud (audit LogEntry lines) and Azure (Activity Log records) for
// several teams, with attacks injected at known times. The same Config
// always writes the same files.
package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Config sizes the logs.
type Config struct {
	Dir   string
	Start time.Time // the first day, at 00:00 UTC
	Days  int
	// AttackDay is the day (from 0) the attacks happen; days before it are
	// benign only. 0 means the last day.
	AttackDay int
	Teams     int
	// InvocationsPerHour is each team's benign inference traffic.
	InvocationsPerHour int
	Seed               uint64
}

// Attack is one injected attack and the detector that must find it.
type Attack struct {
	Detector  string
	Principal string
	Time      time.Time
	What      string
}

// Stats counts what was written.
type Stats struct {
	Files, Events int
	Attacks       []Attack
}

const account = "111122223333"

// g holds a generation in progress.
type g struct {
	cfg     Config
	rnd     *rand.Rand
	aws     map[string][]ctRecord // hour file name -> records
	gcp     map[string][]any      // day -> entries
	azure   map[string][]any
	stats   Stats
	n       int
	written map[string]int // file name -> times written
}

// Write generates the logs into cfg.Dir.
func Write(cfg Config) (*Stats, error) {
	if cfg.Days <= 0 {
		cfg.Days = 21
	}
	if cfg.Teams <= 0 {
		cfg.Teams = 3
	}
	cfg.Teams = max(cfg.Teams, 2) // the attacks involve teams 0 and 1
	if cfg.AttackDay <= 0 || cfg.AttackDay >= cfg.Days {
		cfg.AttackDay = cfg.Days - 1
	}
	if cfg.InvocationsPerHour <= 0 {
		cfg.InvocationsPerHour = 40
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	}
	gg := &g{cfg: cfg, rnd: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
		aws: map[string][]ctRecord{}, gcp: map[string][]any{}, azure: map[string][]any{}}
	for d := 0; d < cfg.Days; d++ {
		day := cfg.Start.AddDate(0, 0, d)
		for t := 0; t < cfg.Teams; t++ {
			gg.benignAWS(day, t)
			gg.benignGCP(day, t)
			gg.benignAzure(day, t)
		}
		if d == cfg.AttackDay {
			gg.attacks(day)
		}
		// Every file holds one hour or one day, so a day is written and
		// let go before the next: memory does not grow with the days.
		if err := gg.flush(); err != nil {
			return nil, err
		}
	}
	return &gg.stats, nil
}

// ---- AWS ----

type ctRecord struct {
	EventVersion        string              `json:"eventVersion"`
	UserIdentity        map[string]any      `json:"userIdentity"`
	EventTime           string              `json:"eventTime"`
	EventSource         string              `json:"eventSource"`
	EventName           string              `json:"eventName"`
	AWSRegion           string              `json:"awsRegion"`
	SourceIPAddress     string              `json:"sourceIPAddress"`
	UserAgent           string              `json:"userAgent"`
	ErrorCode           string              `json:"errorCode,omitempty"`
	RequestParameters   any                 `json:"requestParameters"`
	ResponseElements    any                 `json:"responseElements"`
	AdditionalEventData map[string]any      `json:"additionalEventData,omitempty"`
	RequestID           string              `json:"requestID"`
	EventID             string              `json:"eventID"`
	ReadOnly            bool                `json:"readOnly"`
	Resources           []map[string]string `json:"resources,omitempty"`
	EventType           string              `json:"eventType"`
	ManagementEvent     bool                `json:"managementEvent"`
	RecipientAccountID  string              `json:"recipientAccountId"`
	VPCEndpointID       string              `json:"vpcEndpointId,omitempty"`
	EventCategory       string              `json:"eventCategory"`
	t                   time.Time
}

func roleARN(name string) string { return "arn:aws:iam::" + account + ":role/" + name }

// session is the userIdentity of an assumed-role session.
func session(role, sessionName string, invokedBy string) map[string]any {
	id := map[string]any{
		"type": "AssumedRole", "principalId": "AROA" + fmt.Sprintf("%016X", hash(role)) + ":" + sessionName,
		"arn": "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + sessionName, "accountId": account,
		"accessKeyId": "ASIA" + fmt.Sprintf("%016X", hash(role+sessionName)),
		"sessionContext": map[string]any{
			"sessionIssuer": map[string]any{"type": "Role", "principalId": "AROA" + fmt.Sprintf("%016X", hash(role)), "arn": roleARN(role), "accountId": account, "userName": role},
			"attributes":    map[string]any{"creationDate": "2026-10-01T00:00:00Z", "mfaAuthenticated": "false"},
		},
	}
	if invokedBy != "" {
		id["invokedBy"] = invokedBy
	}
	return id
}

func hash(s string) uint64 {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// call adds one CloudTrail record.
func (gg *g) call(t time.Time, id map[string]any, source, name, ip string, params any, resources []map[string]string) *ctRecord {
	gg.n++
	r := ctRecord{EventVersion: "1.09", UserIdentity: id, EventTime: t.Format(time.RFC3339), EventSource: source, EventName: name,
		AWSRegion: "us-east-1", SourceIPAddress: ip, UserAgent: "aws-sdk-go-v2/1.30.0", RequestParameters: params,
		RequestID: fmt.Sprintf("%08x-req", gg.n), EventID: fmt.Sprintf("%08x-0000-4000-8000-%012x", gg.n, gg.n), EventType: "AwsApiCall",
		ManagementEvent: true, RecipientAccountID: account, EventCategory: "Management", Resources: resources, t: t}
	if ip == "sagemaker.amazonaws.com" {
		r.UserAgent = "sagemaker.amazonaws.com"
	}
	file := fmt.Sprintf("AWSLogs/%s/CloudTrail/us-east-1/%s/%s_CloudTrail_us-east-1_%s_gen.json.gz", account,
		t.Format("2006/01/02"), account, t.Format("20060102T1500Z"))
	gg.aws[file] = append(gg.aws[file], r)
	return &gg.aws[file][len(gg.aws[file])-1]
}

func (gg *g) object(t time.Time, id map[string]any, name, ip, bucket, key string, size int) {
	r := gg.call(t, id, "s3.amazonaws.com", name, ip, map[string]any{"bucketName": bucket, "Host": bucket + ".s3.us-east-1.amazonaws.com", "key": key},
		[]map[string]string{{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::" + bucket + "/" + key}, {"accountId": account, "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::" + bucket}})
	r.ManagementEvent, r.EventCategory, r.ReadOnly = false, "Data", name == "GetObject"
	if name == "GetObject" {
		r.AdditionalEventData = map[string]any{"bytesTransferredIn": 0, "bytesTransferredOut": size}
	} else {
		r.AdditionalEventData = map[string]any{"bytesTransferredIn": size, "bytesTransferredOut": 0}
	}
}

func (gg *g) kms(t time.Time, id map[string]any, name, ip, key string) {
	gg.call(t, id, "kms.amazonaws.com", name, ip, map[string]any{"keyId": key, "encryptionAlgorithm": "SYMMETRIC_DEFAULT"},
		[]map[string]string{{"accountId": account, "type": "AWS::KMS::Key", "ARN": key}}).ReadOnly = true
}

func teamKey(t int) string {
	return fmt.Sprintf("arn:aws:kms:us-east-1:%s:key/%08x-0000-4000-8000-00000000000%d", account, 0xabc0+t, t)
}

func officeIP(person int) string { return fmt.Sprintf("203.0.113.%d", 10+person) }
func notebookIP(team int) string { return fmt.Sprintf("3.91.%d.%d", 20+team, 40+team) }
func appIP(team int) string      { return fmt.Sprintf("10.20.%d.15", team) }
func at(day time.Time, h, m int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// benignAWS is one team's day: a training job, endpoint traffic, model
// loads, a data scientist's notebook.
func (gg *g) benignAWS(day time.Time, team int) {
	train, serve, nb, app := fmt.Sprintf("ml-train-team%d", team), fmt.Sprintf("ml-serve-team%d", team),
		fmt.Sprintf("ml-notebook-team%d", team), fmt.Sprintf("app-team%d", team)
	data, models, key := fmt.Sprintf("ml-data-team%d", team), fmt.Sprintf("ml-models-team%d", team), teamKey(team)
	ds := fmt.Sprintf("ds-team%d", team)
	job := fmt.Sprintf("churn-%s", day.Format("2006-01-02-15-04-05"))
	// A data scientist opens the notebook from the office and starts the
	// day's training job (in a VPC, with keys).
	start := at(day, 9, gg.rnd.IntN(30))
	gg.call(start, session(ds, ds+"@example.com", ""), "sagemaker.amazonaws.com", "CreatePresignedNotebookInstanceUrl", officeIP(team),
		map[string]any{"notebookInstanceName": "nb-team" + fmt.Sprint(team)}, nil)
	gg.call(start.Add(5*time.Minute), session(ds, ds+"@example.com", ""), "sagemaker.amazonaws.com", "CreateTrainingJob", officeIP(team),
		map[string]any{"trainingJobName": job, "roleArn": roleARN(train), "vpcConfig": map[string]any{"subnets": []string{"subnet-1"}},
			"outputDataConfig": map[string]any{"kmsKeyId": key, "s3OutputPath": "s3://" + models + "/churn/"}}, nil)
	// The notebook's role reads a sample of the data from the notebook.
	for i := 0; i < 5; i++ {
		gg.object(start.Add(time.Duration(10+i)*time.Minute), session(nb, "SageMaker", ""), "GetObject", notebookIP(team), data, fmt.Sprintf("datasets/churn/part-%04d.parquet", i), 8<<20)
		gg.kms(start.Add(time.Duration(10+i)*time.Minute), session(nb, "SageMaker", ""), "Decrypt", notebookIP(team), key)
	}
	// The training job reads the dataset and writes the model.
	jt := start.Add(30 * time.Minute)
	gg.call(jt, map[string]any{"type": "AWSService", "invokedBy": "sagemaker.amazonaws.com"}, "sts.amazonaws.com", "AssumeRole", "sagemaker.amazonaws.com",
		map[string]any{"roleArn": roleARN(train), "roleSessionName": "SageMaker"}, nil)
	for i := 0; i < 20; i++ {
		gg.object(jt.Add(time.Duration(i)*time.Second*20), session(train, "SageMaker", "sagemaker.amazonaws.com"), "GetObject", "sagemaker.amazonaws.com", data, fmt.Sprintf("datasets/churn/part-%04d.parquet", i), 64<<20)
		gg.kms(jt.Add(time.Duration(i)*time.Second*20), session(train, "SageMaker", "sagemaker.amazonaws.com"), "Decrypt", "sagemaker.amazonaws.com", key)
	}
	modelKey := "churn/" + job + "/output/model.tar.gz"
	gg.object(jt.Add(50*time.Minute), session(train, "SageMaker", "sagemaker.amazonaws.com"), "PutObject", "sagemaker.amazonaws.com", models, modelKey, 300<<20)
	gg.kms(jt.Add(50*time.Minute), session(train, "SageMaker", "sagemaker.amazonaws.com"), "GenerateDataKey", "sagemaker.amazonaws.com", key)
	// Serving loads the model a few times (instances scaling), and the
	// application calls the endpoint around the clock.
	for i := 0; i < 3; i++ {
		lt := at(day, 2+i*6, gg.rnd.IntN(50))
		gg.object(lt, session(serve, "SageMaker", "sagemaker.amazonaws.com"), "GetObject", "sagemaker.amazonaws.com", models, "churn/current/model.tar.gz", 300<<20)
		gg.kms(lt, session(serve, "SageMaker", "sagemaker.amazonaws.com"), "Decrypt", "sagemaker.amazonaws.com", key)
	}
	endpoint := fmt.Sprintf("arn:aws:sagemaker:us-east-1:%s:endpoint/churn-team%d", account, team)
	for h := 0; h < 24; h++ {
		n := gg.cfg.InvocationsPerHour/2 + gg.rnd.IntN(gg.cfg.InvocationsPerHour+1)
		for i := 0; i < n; i++ {
			r := gg.call(at(day, h, 0).Add(time.Duration(gg.rnd.IntN(3600))*time.Second), session(app, "app", ""), "sagemaker.amazonaws.com", "InvokeEndpoint", appIP(team),
				map[string]any{"endpointName": fmt.Sprintf("churn-team%d", team), "contentType": "application/json"},
				[]map[string]string{{"accountId": account, "type": "AWS::SageMaker::Endpoint", "ARN": endpoint}})
			r.EventSource, r.ManagementEvent, r.EventCategory = "runtime.sagemaker.amazonaws.com", false, "Data"
		}
	}
}

// ---- Google Cloud ----

func gcpEntry(t time.Time, n int, service, method, resource, who, ip string, request any, status int) map[string]any {
	pp := map[string]any{
		"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "serviceName": service, "methodName": method, "resourceName": resource,
		"authenticationInfo": map[string]any{"principalEmail": who},
		"requestMetadata":    map[string]any{"callerIp": ip, "callerSuppliedUserAgent": "google-cloud-sdk/480.0.0"},
	}
	if request != nil {
		pp["request"] = request
	}
	if status != 0 {
		pp["status"] = map[string]any{"code": status, "message": "PERMISSION_DENIED"}
	}
	logName := "projects/ml-prod/logs/cloudaudit.googleapis.com%2Fdata_access"
	return map[string]any{"protoPayload": pp, "insertId": fmt.Sprintf("gcp%08x", n), "resource": map[string]any{"type": "audited_resource",
		"labels": map[string]string{"project_id": "ml-prod", "location": "us-central1"}}, "timestamp": t.Format(time.RFC3339Nano),
		"severity": "INFO", "logName": logName, "receiveTimestamp": t.Add(time.Second).Format(time.RFC3339Nano)}
}

func (gg *g) gcpAdd(t time.Time, e map[string]any) {
	day := t.Format("2006-01-02")
	gg.gcp[day] = append(gg.gcp[day], e)
}

func (gg *g) benignGCP(day time.Time, team int) {
	trainer := fmt.Sprintf("trainer-team%d@ml-prod.iam.gserviceaccount.com", team)
	server := fmt.Sprintf("serving-team%d@ml-prod.iam.gserviceaccount.com", team)
	bucket := fmt.Sprintf("ml-models-gcp-team%d", team)
	for i := 0; i < 3; i++ {
		gg.n++
		t := at(day, 3+i*7, gg.rnd.IntN(50))
		gg.gcpAdd(t, gcpEntry(t, gg.n, "storage.googleapis.com", "storage.objects.get",
			"projects/_/buckets/"+bucket+"/objects/models/churn/model.safetensors", server, "35.190.0.1", nil, 0))
	}
	gg.n++
	t := at(day, 10, gg.rnd.IntN(50))
	gg.gcpAdd(t, gcpEntry(t, gg.n, "storage.googleapis.com", "storage.objects.create",
		"projects/_/buckets/"+bucket+"/objects/models/churn/model.safetensors", trainer, "35.190.0.2", nil, 0))
	endpoint := fmt.Sprintf("projects/ml-prod/locations/us-central1/endpoints/%d", 1000+team)
	for h := 0; h < 24; h += 2 {
		for i := 0; i < gg.cfg.InvocationsPerHour/4; i++ {
			gg.n++
			t := at(day, h, gg.rnd.IntN(60))
			gg.gcpAdd(t, gcpEntry(t, gg.n, "aiplatform.googleapis.com", "google.cloud.aiplatform.v1.PredictionService.Predict", endpoint,
				fmt.Sprintf("frontend-team%d@ml-prod.iam.gserviceaccount.com", team), "10.128.0.5", nil, 0))
		}
	}
}

// ---- Azure ----

func azureRecord(t time.Time, n int, op, resource, caller, ip, result string) map[string]any {
	return map[string]any{"time": t.Format(time.RFC3339Nano), "resourceId": resource, "operationName": op, "category": "Administrative",
		"resultType": result, "resultSignature": "Succeeded.OK", "callerIpAddress": ip, "correlationId": fmt.Sprintf("az-%08x", n),
		"identity": map[string]any{"claims": map[string]string{"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn": caller}},
		"level":    "Information", "location": "westeurope", "properties": map[string]any{"statusCode": "OK"}}
}

func workspace(team int) string {
	return fmt.Sprintf("/subscriptions/0b1f6471-1bf0-4dda-aec3-111111111111/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws-team%d", team)
}

func (gg *g) azAdd(t time.Time, r map[string]any) {
	day := t.Format("2006-01-02")
	gg.azure[day] = append(gg.azure[day], r)
}

func (gg *g) benignAzure(day time.Time, team int) {
	who := fmt.Sprintf("ds%d@contoso.example", team)
	for _, op := range []string{"Microsoft.MachineLearningServices/workspaces/computes/start/action", "Microsoft.MachineLearningServices/workspaces/jobs/write"} {
		t := at(day, 9+team, gg.rnd.IntN(50))
		for _, result := range []string{"Start", "Success"} {
			gg.n++
			gg.azAdd(t, azureRecord(t, gg.n, op, workspace(team), who, "198.51.100.20", result))
		}
	}
	// The team's deployment pipeline reads the endpoint keys every day.
	gg.n++
	t := at(day, 6, 0)
	gg.azAdd(t, azureRecord(t, gg.n, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action",
		workspace(team)+"/onlineEndpoints/churn", fmt.Sprintf("deploy-team%d@contoso.example", team), "198.51.100.30", "Success"))
}

// ---- attacks ----

func (gg *g) attacks(day time.Time) {
	add := func(detector, principal string, t time.Time, what string) {
		gg.stats.Attacks = append(gg.stats.Attacks, Attack{Detector: detector, Principal: principal, Time: t, What: what})
	}
	// Stolen data-scientist credentials copy the team's models out.
	thief, ip := "ds-team0", "198.51.100.77"
	t0 := at(day, 2, 0)
	for i := 0; i < 120; i++ {
		gg.object(t0.Add(time.Duration(i)*10*time.Second), session(thief, "ds-team0@example.com", ""), "GetObject", ip, "ml-models-team0",
			fmt.Sprintf("churn/churn-2026-10-%02d-09-00-00/output/model.tar.gz", 1+i%20), 300<<20)
	}
	for _, d := range []string{"AUDIT-EXFIL-001", "AUDIT-EXFIL-002", "AUDIT-EXFIL-003"} {
		add(d, roleARN(thief), t0, "120 model artifacts copied from 198.51.100.77")
	}
	// The application role's key is used to distil the model.
	t1 := at(day, 4, 0)
	endpoint := fmt.Sprintf("arn:aws:sagemaker:us-east-1:%s:endpoint/churn-team1", account)
	// Far above the benign rate whatever it is: twenty times, at least 3,000.
	flood := max(3000, 20*gg.cfg.InvocationsPerHour)
	for i := 0; i < flood; i++ {
		r := gg.call(t1.Add(time.Duration(i)*time.Second*3599/time.Duration(flood)), session("app-team1", "app", ""), "sagemaker.amazonaws.com", "InvokeEndpoint", appIP(1),
			map[string]any{"endpointName": "churn-team1"}, []map[string]string{{"accountId": account, "type": "AWS::SageMaker::Endpoint", "ARN": endpoint}})
		r.EventSource, r.ManagementEvent, r.EventCategory = "runtime.sagemaker.amazonaws.com", false, "Data"
	}
	add("AUDIT-EXTRACT-001", roleARN("app-team1"), t1, fmt.Sprintf("%d invocations in an hour", flood))
	admin := session("platform-admin", "mallory", "")
	t2 := at(day, 5, 0)
	gg.call(t2, admin, "s3.amazonaws.com", "PutBucketPolicy", "192.0.2.10", map[string]any{"bucketName": "ml-models-team1",
		"bucketPolicy": map[string]any{"Version": "2012-10-17", "Statement": []any{map[string]any{"Effect": "Allow", "Principal": "*",
			"Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-models-team1/*"}}}}, nil)
	add("AUDIT-REGISTRY-001", roleARN("platform-admin"), t2, "model bucket opened to everyone")
	gg.call(t2.Add(time.Minute), admin, "cloudtrail.amazonaws.com", "StopLogging", "192.0.2.10",
		map[string]any{"name": "arn:aws:cloudtrail:us-east-1:" + account + ":trail/org-trail"}, nil)
	add("AUDIT-EVASION-001", roleARN("platform-admin"), t2.Add(time.Minute), "trail stopped")
	last := gg.cfg.Teams - 1
	gg.call(t2.Add(2*time.Minute), admin, "kms.amazonaws.com", "ScheduleKeyDeletion", "192.0.2.10",
		map[string]any{"keyId": teamKey(last), "pendingWindowInDays": 7}, []map[string]string{{"accountId": account, "type": "AWS::KMS::Key", "ARN": teamKey(last)}})
	add("AUDIT-EVASION-002", roleARN("platform-admin"), t2.Add(2*time.Minute), fmt.Sprintf("team %d's key scheduled for deletion", last))
	gg.call(t2.Add(3*time.Minute), admin, "s3.amazonaws.com", "DeleteBucketPublicAccessBlock", "192.0.2.10", map[string]any{"bucketName": "ml-data-team0"}, nil)
	add("AUDIT-EVASION-003", roleARN("platform-admin"), t2.Add(3*time.Minute), "public access block removed")
	gg.call(t2.Add(4*time.Minute), admin, "sagemaker.amazonaws.com", "CreateNotebookInstance", "192.0.2.10",
		map[string]any{"notebookInstanceName": "quick-test", "instanceType": "ml.t3.medium", "roleArn": roleARN("ml-notebook-team0")}, nil)
	add("AUDIT-EVASION-004", roleARN("platform-admin"), t2.Add(4*time.Minute), "notebook with internet and root")
	gg.call(t2.Add(5*time.Minute), admin, "cloudtrail.amazonaws.com", "PutEventSelectors", "192.0.2.10",
		map[string]any{"trailName": "ml-data-trail", "eventSelectors": []any{map[string]any{"readWriteType": "All", "includeManagementEvents": true, "dataResources": []any{}}}}, nil)
	add("AUDIT-EVASION-001", roleARN("platform-admin"), t2.Add(5*time.Minute), "data events dropped from a trail")
	gg.call(t2.Add(6*time.Minute), admin, "sagemaker.amazonaws.com", "CreateTrainingJob", "192.0.2.10",
		map[string]any{"trainingJobName": "quick-train", "roleArn": roleARN("ml-train-team0"), "outputDataConfig": map[string]any{"s3OutputPath": "s3://ml-models-team0/quick/"}}, nil)
	add("AUDIT-EVASION-004", roleARN("platform-admin"), t2.Add(6*time.Minute), "training job outside a VPC without an output key")
	// A data scientist's session opens a notebook from a new country.
	t3 := at(day, 7, 0)
	gg.call(t3, session("ds-team1", "ds-team1@example.com", ""), "sagemaker.amazonaws.com", "CreatePresignedNotebookInstanceUrl", "192.0.2.99",
		map[string]any{"notebookInstanceName": "nb-team1"}, nil)
	add("AUDIT-REGISTRY-003", roleARN("ds-team1"), t3, "presigned URL from 192.0.2.99")
	// The training role's credentials, taken from a job, are used at home.
	t4 := at(day, 8, 0)
	gg.call(t4, session("ml-train-team1", "SageMaker", ""), "sts.amazonaws.com", "GetCallerIdentity", "203.0.113.250", map[string]any{}, nil)
	gg.call(t4.Add(time.Minute), session("ml-train-team1", "SageMaker", ""), "s3.amazonaws.com", "ListBuckets", "203.0.113.250", map[string]any{}, nil)
	add("AUDIT-CRED-001", roleARN("ml-train-team1"), t4, "ML role used from 203.0.113.250")
	// Someone new decrypts with team 0's key.
	t5 := at(day, 11, 0)
	gg.kms(t5, session("ds-team2", "ds-team2@example.com", ""), "Decrypt", officeIP(2), teamKey(0))
	add("AUDIT-KEYS-001", roleARN("ds-team2"), t5, "first use of team 0's key")
	// Google Cloud: a model exported and models read by a stranger, and a
	// prediction flood.
	t6 := at(day, 13, 0)
	stranger := "contractor@partner.example"
	gg.n++
	gg.gcpAdd(t6, gcpEntry(t6, gg.n, "aiplatform.googleapis.com", "google.cloud.aiplatform.v1.ModelService.ExportModel",
		"projects/ml-prod/locations/us-central1/models/churn", stranger, "198.51.100.200", map[string]any{"outputConfig": map[string]any{"exportFormatId": "custom-trained"}}, 0))
	add("AUDIT-REGISTRY-002", stranger, t6, "Vertex model exported")
	for i := 0; i < 5; i++ {
		gg.n++
		t := t6.Add(time.Duration(5+i) * time.Minute)
		gg.gcpAdd(t, gcpEntry(t, gg.n, "storage.googleapis.com", "storage.objects.get",
			fmt.Sprintf("projects/_/buckets/ml-models-gcp-team0/objects/models/churn/v%d/model.safetensors", i), stranger, "198.51.100.200", nil, 0))
	}
	add("AUDIT-EXFIL-001", stranger, t6.Add(5*time.Minute), "Cloud Storage models read by a stranger")
	add("AUDIT-EXFIL-002", stranger, t6.Add(5*time.Minute), "Cloud Storage models read from 198.51.100.200")
	gg.n++
	t6b := t6.Add(11 * time.Minute)
	gg.gcpAdd(t6b, gcpEntry(t6b, gg.n, "storage.googleapis.com", "storage.setIamPermissions", "projects/_/buckets/ml-models-gcp-team0", stranger, "198.51.100.200",
		map[string]any{"resource": "projects/_/buckets/ml-models-gcp-team0", "policy": map[string]any{"bindings": []any{
			map[string]any{"role": "roles/storage.objectViewer", "members": []any{"projectViewer:ml-prod", "allUsers"}}}}}, 0))
	add("AUDIT-REGISTRY-001", stranger, t6b, "Cloud Storage bucket opened to allUsers")
	flooder := "frontend-team2@ml-prod.iam.gserviceaccount.com"
	t7 := at(day, 15, 0)
	for i := 0; i < 2000; i++ {
		gg.n++
		t := t7.Add(time.Duration(i) * time.Second)
		gg.gcpAdd(t, gcpEntry(t, gg.n, "aiplatform.googleapis.com", "google.cloud.aiplatform.v1.PredictionService.Predict",
			"projects/ml-prod/locations/us-central1/endpoints/1002", flooder, "10.128.0.5", nil, 0))
	}
	add("AUDIT-EXTRACT-001", flooder, t7, "2,000 predictions in an hour")
	// Azure: a stranger lists endpoint keys, then logging and a key go.
	t8 := at(day, 17, 0)
	intruder := "intruder@contoso.example"
	gg.n++
	gg.azAdd(t8, azureRecord(t8, gg.n, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action",
		workspace(0)+"/onlineEndpoints/churn", intruder, "198.51.100.250", "Success"))
	add("AUDIT-REGISTRY-002", intruder, t8, "endpoint keys listed")
	gg.n++
	gg.azAdd(t8.Add(time.Minute), azureRecord(t8.Add(time.Minute), gg.n, "Microsoft.Insights/diagnosticSettings/delete",
		workspace(0)+"/providers/microsoft.insights/diagnosticSettings/to-sentinel", intruder, "198.51.100.250", "Success"))
	add("AUDIT-EVASION-001", intruder, t8.Add(time.Minute), "diagnostic setting deleted")
	gg.n++
	gg.azAdd(t8.Add(2*time.Minute), azureRecord(t8.Add(2*time.Minute), gg.n, "Microsoft.KeyVault/vaults/keys/delete",
		"/subscriptions/0b1f6471-1bf0-4dda-aec3-111111111111/resourceGroups/ml/providers/Microsoft.KeyVault/vaults/ml-kv/keys/ws-cmk", intruder, "198.51.100.250", "Success"))
	add("AUDIT-EVASION-002", intruder, t8.Add(2*time.Minute), "workspace key deleted")
}

// ---- writing ----

func (gg *g) flush() error {
	for _, name := range sortedKeys(gg.aws) {
		recs := gg.aws[name]
		sort.SliceStable(recs, func(i, j int) bool { return recs[i].t.Before(recs[j].t) })
		if err := gg.write(name, map[string]any{"Records": recs}, true); err != nil {
			return err
		}
		gg.stats.Events += len(recs)
	}
	clear(gg.aws)
	for _, day := range sortedKeys(gg.gcp) {
		var buf bytes.Buffer
		entries := gg.gcp[day]
		sort.SliceStable(entries, func(i, j int) bool {
			return entries[i].(map[string]any)["timestamp"].(string) < entries[j].(map[string]any)["timestamp"].(string)
		})
		for _, e := range entries {
			line, _ := json.Marshal(e)
			buf.Write(line)
			buf.WriteByte('\n')
		}
		if err := gg.writeRaw("gcp/"+day+".jsonl", buf.Bytes()); err != nil {
			return err
		}
		gg.stats.Events += len(entries)
	}
	for _, day := range sortedKeys(gg.azure) {
		if err := gg.write("azure/"+day+".json", map[string]any{"records": gg.azure[day]}, false); err != nil {
			return err
		}
		gg.stats.Events += len(gg.azure[day])
	}
	clear(gg.gcp)
	clear(gg.azure)
	return nil
}

func (gg *g) write(name string, v any, gz bool) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if gz {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		w.Write(data)
		w.Close()
		data = buf.Bytes()
	}
	return gg.writeRaw(name, data)
}

// writeRaw writes one file. Events near midnight can fall in an hour or a
// day already flushed; their file is written beside the first, with a
// number, never over it.
func (gg *g) writeRaw(name string, data []byte) error {
	if gg.written == nil {
		gg.written = map[string]int{}
	}
	gg.written[name]++
	if n := gg.written[name]; n > 1 {
		dir, base := path.Split(name)
		stem, ext, _ := strings.Cut(base, ".")
		name = fmt.Sprintf("%s%s_%d.%s", dir, stem, n, ext)
	}
	p := filepath.Join(gg.cfg.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	gg.stats.Files++
	return os.WriteFile(p, data, 0o644)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
