package audit

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/analyze"
	"github.com/mlguard/mlguard/internal/rule"
)

// decodeParams decodes an event's request parameters into v.
func decodeParams(e *event.Event, v any) bool {
	return len(e.Params) > 0 && json.Unmarshal(e.Params, v) == nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// named names what a call acted on: its first resource, else the name its
// request gives (the notebook, job, endpoint configuration, trail or bucket
// a create or change call names; CloudTrail lists no resources for most).
func named(e *event.Event) string {
	if len(e.Resources) > 0 {
		return e.Resources[0]
	}
	var p struct {
		Notebook       string `json:"notebookInstanceName"`
		EndpointConfig string `json:"endpointConfigName"`
		Endpoint       string `json:"endpointName"`
		Training       string `json:"trainingJobName"`
		Processing     string `json:"processingJobName"`
		Model          string `json:"modelName"`
		Domain         string `json:"domainId"`
		Bucket         string `json:"bucketName"`
		Name           string `json:"name"`
		Trail          string `json:"trailName"`
	}
	decodeParams(e, &p)
	return firstNonEmpty(p.Notebook, p.EndpointConfig, p.Endpoint, p.Training, p.Processing, p.Model, p.Domain, p.Bucket, p.Name, p.Trail)
}

func awsCall(e *event.Event, service string, actions ...string) bool {
	return e.Cloud == event.AWS && !e.Failed() && e.Service == service && slices.Contains(actions, e.Action)
}

// policyOf finds the resource policy a call writes: S3 bucketPolicy (an
// object), SageMaker resourcePolicy and ECR policyText (strings).
func policyOf(e *event.Event) (*iam.Policy, string) {
	var p struct {
		BucketPolicy   json.RawMessage `json:"bucketPolicy"`
		ResourcePolicy string          `json:"resourcePolicy"`
		PolicyText     string          `json:"policyText"`
		BucketName     string          `json:"bucketName"`
		GroupName      string          `json:"modelPackageGroupName"`
		RepositoryName string          `json:"repositoryName"`
	}
	if !decodeParams(e, &p) {
		return nil, ""
	}
	doc := []byte(firstNonEmpty(p.ResourcePolicy, p.PolicyText))
	if len(p.BucketPolicy) > 0 {
		doc = p.BucketPolicy
	}
	pol, err := iam.Parse(doc)
	if err != nil {
		return nil, ""
	}
	return pol, firstNonEmpty(p.BucketName, p.GroupName, p.RepositoryName)
}

var openedPolicies = Detector{
	ID: "AUDIT-REGISTRY-001", Title: "Models or data opened to everyone or to another account", Severity: rule.Critical,
	Techniques: []string{"T1537", "AML.T0048.004"},
	Explanation: "A bucket, model package group or image repository policy was written that grants everyone (Principal \"*\" " +
		"without a narrowing condition) or another account access: the models and data behind it can be copied out.",
	Needs: "resource policy writes (PutBucketPolicy, PutModelPackageGroupPolicy, SetRepositoryPolicy, Cloud Storage setIamPermissions)",
	Relevant: func(e *event.Event) bool {
		return awsCall(e, "s3", "PutBucketPolicy") || awsCall(e, "sagemaker", "PutModelPackageGroupPolicy") ||
			awsCall(e, "ecr", "SetRepositoryPolicy") ||
			(e.Cloud == event.GCP && !e.Failed() && (strings.HasSuffix(e.Action, "setIamPermissions") || strings.HasSuffix(e.Action, "SetIamPolicy")))
	},
	Event: func(c *Context, e *event.Event) {
		if e.Cloud == event.GCP {
			if members := publicMembers(e); len(members) > 0 {
				res := firstNonEmpty(append(e.Resources, "")...)
				c.Raise(e.Who()+"\x00"+res+"\x00"+e.Source.ID, e, res, "%s granted %s on %s", e.Who(), strings.Join(members, ", "), res)
			}
			return
		}
		pol, res := policyOf(e)
		if pol == nil {
			return
		}
		issues := analyze.Analyze(analyze.Subject{Kind: analyze.Resource, Account: e.Account, Docs: []analyze.Doc{{Name: "the new policy", Policy: pol}}},
			analyze.Public, analyze.CrossAccount)
		if len(issues) == 0 {
			return
		}
		var what []string
		for _, is := range issues {
			what = append(what, is.Message)
		}
		c.Raise(e.Who()+"\x00"+res+"\x00"+e.Source.ID, e, res, "%s wrote a policy on %s (%s): %s", e.Who(), res, e.Action, strings.Join(what, "; "))
	},
}

// publicMembers lists allUsers and allAuthenticatedUsers in a Google Cloud
// IAM policy a call sets.
func publicMembers(e *event.Event) []string {
	var p struct {
		Policy struct {
			Bindings []struct {
				Role    string   `json:"role"`
				Members []string `json:"members"`
			} `json:"bindings"`
		} `json:"policy"`
	}
	if !decodeParams(e, &p) {
		return nil
	}
	var out []string
	for _, b := range p.Policy.Bindings {
		for _, m := range b.Members {
			if m == "allUsers" || m == "allAuthenticatedUsers" {
				out = append(out, m+" ("+b.Role+")")
			}
		}
	}
	return out
}

// exports are the calls that take a model or dataset out of its registry,
// or the keys that let anyone call an endpoint.
func export(e *event.Event) bool {
	if e.Failed() || e.Pending {
		return false
	}
	switch e.Cloud {
	case event.GCP:
		return strings.HasSuffix(e.Action, "ModelService.ExportModel") || strings.HasSuffix(e.Action, "DatasetService.ExportData")
	case event.Azure:
		a := strings.ToLower(e.Action)
		// The Activity Log records no reads: a model leaves Azure ML through
		// the keys and datastore secrets that open its storage, so those
		// are what is watched.
		return strings.HasPrefix(a, "microsoft.machinelearningservices/") &&
			(strings.HasSuffix(a, "/listkeys/action") || strings.HasSuffix(a, "/token/action") ||
				strings.HasSuffix(a, "/liststorageaccountkeys/action") || strings.HasSuffix(a, "/listsecrets/action"))
	}
	return false
}

var exports = Detector{
	ID: "AUDIT-REGISTRY-002", Title: "Model export or endpoint key retrieval by a principal that never did it", Severity: rule.High,
	Techniques: []string{"AML.T0048.004", "AML.T0044"},
	Explanation: "A principal exported a Vertex AI model or dataset, or retrieved the keys, tokens or secrets of an Azure " +
		"Machine Learning workspace, online endpoint, compute, datastore or connection (how models and data are downloaded " +
		"from the workspace's storage), for the first time in the baseline's history.",
	Needs:    "model export and key retrieval calls (Vertex ExportModel/ExportData, Azure ML listKeys/token/listStorageAccountKeys/listSecrets)",
	Relevant: export,
	Event: func(c *Context, e *event.Event) {
		who := e.Who()
		if !c.Baseline.Seen("exporter", e.Action, who, e.Time) && c.Mature() {
			res := firstNonEmpty(append(e.Resources, "")...)
			c.Raise(who+"\x00"+e.Action, e, res, "%s called %s on %s, which it had never done", who, e.Action, res)
		}
	},
}

var presigned = Detector{
	ID: "AUDIT-REGISTRY-003", Title: "Notebook or Studio sign-in URL created from a new place", Severity: rule.Medium,
	Techniques: []string{"T1078.004", "AML.T0012"},
	Explanation: "A presigned URL opens a notebook instance or Studio with the execution role's permissions. One created " +
		"from an address outside the known networks (or new for the principal) is how stolen credentials turn into notebook access.",
	Needs: "presigned URL calls (CreatePresignedNotebookInstanceUrl, CreatePresignedDomainUrl)",
	Relevant: func(e *event.Event) bool {
		return awsCall(e, "sagemaker", "CreatePresignedNotebookInstanceUrl", "CreatePresignedDomainUrl", "CreatePresignedMlflowTrackingServerUrl")
	},
	Event: func(c *Context, e *event.Event) {
		who := e.Who()
		if c.newSource("presign-ip", who, e) {
			c.Raise(who+"\x00"+e.SourceIP, e, named(e), "%s called %s from %s, an address it never used for it",
				who, e.Action, e.SourceIP)
		}
	},
}

var credentialMisuse = Detector{
	ID: "AUDIT-CRED-001", Title: "ML execution role credentials used from outside AWS", Severity: rule.Critical,
	Techniques: []string{"T1078.004", "T1552.005", "AML.T0012"},
	Explanation: "A session of a role that SageMaker or Bedrock runs as (learned from the calls those services make as it) " +
		"called AWS from an address that is not an AWS service, not a VPC endpoint, and outside the known networks or new for the role: " +
		"its temporary credentials were taken out of the notebook, job or endpoint.",
	Needs: "calls by ML execution role sessions",
	Relevant: func(e *event.Event) bool {
		return e.Cloud == event.AWS && e.Role != ""
	},
	Event: func(c *Context, e *event.Event) {
		// Every role's addresses are learned, not only those of roles
		// already known as ML roles: a role learned as one later (handed to
		// a training job today) is judged against its own history.
		if c.newSource("role-ip", e.Role, e) && c.Baseline.Tagged("ml-role", e.Role) {
			c.Raise(e.Role+"\x00"+e.SourceIP, e, e.Role, "%s, an ML execution role, was used from %s (%s %s), outside AWS and the known networks",
				e.Role, e.SourceIP, e.Service, e.Action)
		}
	},
}

var keyFirstUse = Detector{
	ID: "AUDIT-KEYS-001", Title: "A principal used a key that protects ML data for the first time", Severity: rule.Low,
	Techniques: []string{"T1530", "AML.T0035"},
	Explanation: "Keys that ML roles and services use guard training data and model artifacts; a principal that never " +
		"used one before is worth a look. The key usage section of the report lists every user of each such key.",
	Needs: "KMS data-key calls on keys ML workloads use",
	Relevant: func(e *event.Event) bool {
		return e.Cloud == event.AWS && e.Service == "kms" && !e.Failed() && slices.Contains(kmsUse, e.Action) && len(e.Resources) > 0
	},
	Event: func(c *Context, e *event.Event) {
		key, who := e.Resources[0], e.Who()
		if c.Baseline.Tagged("ml-key", key) && !c.Baseline.Known("key-user", key, who) && c.Mature() && !mlService(e.SourceIP) {
			c.Raise(key+"\x00"+who, e, key, "%s used %s, a key that protects ML data, for the first time (%s)", who, key, e.Action)
		}
	},
}
