package analyze

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/catalog"
	"github.com/mlguard/mlguard/internal/unknown"
)

// adminManaged are AWS managed policies that amount to administrator access:
// every action, every action but IAM's (which lets a principal run anything
// as any role it can pass), or all of IAM (which lets it grant itself the rest).
var adminManaged = []string{"AdministratorAccess", "PowerUserAccess", "IAMFullAccess"}

// fullAccessManaged are AWS managed policies that grant a data, key or ML
// service whole.
var fullAccessManaged = []string{"AmazonSageMakerFullAccess", "AmazonS3FullAccess", "AmazonBedrockFullAccess",
	"AWSKeyManagementServicePowerUser", "SecretsManagerReadWrite", "AmazonEC2ContainerRegistryFullAccess",
	"AmazonEC2ContainerRegistryPowerUser", "AmazonSSMFullAccess", "AWSGlueConsoleFullAccess", "AmazonAthenaFullAccess",
	"CloudWatchLogsFullAccess", "AWSLambda_FullAccess", "AmazonDynamoDBFullAccess"}

// dataServices hold data, models, keys or secrets: a grant of all of one of
// them, or on all of its resources, reaches every dataset or key of the account.
var dataServices = []string{"s3", "kms", "secretsmanager", "ssm", "sagemaker", "bedrock", "ecr", "glue", "athena", "dynamodb"}

func (a *analysis) admin() []Issue {
	if a.s.Kind != Identity {
		return nil
	}
	var out []Issue
	for _, arn := range a.s.Managed {
		if name := iam.ManagedPolicyName(arn); slices.Contains(adminManaged, name) {
			out = append(out, Issue{Doc: -1, Statement: -1, Value: "managed:" + name,
				Message: "has the AWS managed policy " + name + " attached, which amounts to administrator access"})
		}
	}
	a.each(func(d, i int, s *iam.Statement) {
		if msg := adminStatement(s); msg != "" {
			out = append(out, a.issue(d, i, msg, "admin"))
		}
	})
	return out
}

// adminStatement says how an unconditioned Allow grants every action on
// every resource, or every action but a few.
func adminStatement(s *iam.Statement) string {
	if !allow(s) || len(s.Condition) > 0 || s.HasUnknown() || !s.OnAllResources() {
		return ""
	}
	if len(s.NotAction) > 0 {
		return "allows every action except " + strings.Join(s.NotAction, ", ") + " on every resource"
	}
	for _, act := range s.Action {
		if strings.Trim(act, "*:") == "" {
			return "allows every action (" + act + ") on every resource"
		}
	}
	return ""
}

func (a *analysis) fullAccess() []Issue {
	var out []Issue
	for _, arn := range a.s.Managed {
		if name := iam.ManagedPolicyName(arn); slices.Contains(fullAccessManaged, name) {
			out = append(out, Issue{Doc: -1, Statement: -1, Value: "managed:" + name,
				Message: "has the AWS managed policy " + name + " attached, which grants a whole data, key or ML service"})
		}
	}
	return out
}

// wildcardData reports a statement that grants a whole data or key service
// (s3:*), or actions of one on every resource where they could be limited.
func wildcardData(s *iam.Statement) (string, string) {
	if !allow(s) || s.HasUnknown() || adminStatement(s) != "" || len(s.NotAction) > 0 {
		return "", ""
	}
	for _, act := range s.Action {
		if iam.CoversService(act, "mlguard-probe-other") {
			continue // every service: an administrator grant or NotResource-bounded, judged elsewhere
		}
		for _, svc := range dataServices {
			if iam.CoversService(act, svc) {
				return "allows every " + svc + " action (" + act + ")", act
			}
		}
	}
	if len(s.Condition) > 0 || !s.OnAllResources() {
		return "", ""
	}
	if msg, _ := readAllBuckets(s); msg != "" {
		return "", "" // reported as a read of every bucket
	}
	var broad []string
	for _, act := range expandActions(s.Action) {
		svc, action, _ := catalog.Lookup(act)
		if slices.Contains(dataServices, svc.Name) && len(action.Resources) > 0 {
			broad = append(broad, act)
		}
	}
	if len(broad) == 0 {
		return "", ""
	}
	return "allows " + list(broad) + " on every resource (\"*\"), where each could name its resources", strings.Join(broad, ",")
}

// probeObject is an object in a bucket no policy names on purpose: a grant
// that covers it covers every bucket.
const probeObject = "arn:aws:s3:::mlguard-probe-bucket/mlguard/probe.tar.gz"

// readAllBuckets reports an unconditioned Allow of object reads on every
// bucket, decided by the evaluation engine.
func readAllBuckets(s *iam.Statement) (string, string) {
	if !allow(s) || len(s.Condition) > 0 || s.HasUnknown() || adminStatement(s) != "" {
		return "", ""
	}
	one := &iam.Policy{Statements: []iam.Statement{*s}}
	var reads []string
	for _, act := range []string{"s3:GetObject", "s3:GetObjectVersion"} {
		req := iam.Request{Principal: probeCaller, Action: act, Resource: probeObject}
		if iam.Evaluate(req, iam.Policies{Identity: []*iam.Policy{one}}) == iam.Allowed {
			reads = append(reads, act)
		}
	}
	if len(reads) == 0 {
		return "", ""
	}
	return "allows " + strings.Join(reads, " and ") + " on the objects of every bucket: code running as this principal can copy " +
		"every dataset and model artifact in the account", strings.Join(reads, ",")
}

func (a *analysis) permissionsManagement() []Issue {
	var out []Issue
	a.each(func(d, i int, s *iam.Statement) {
		if !allow(s) || len(s.Condition) > 0 || s.HasUnknown() || adminStatement(s) != "" {
			return
		}
		switch a.s.Kind {
		case Identity:
			if !s.OnAllResources() && len(s.NotResource) == 0 {
				return
			}
		case Resource:
			if a.onlyOwner(s) || principalUnknown(s) {
				return // the account itself: delegates to its IAM policies
			}
		default:
			return
		}
		var mgmt []string
		for _, act := range grantedActions(s) {
			if _, action, ok := catalog.Lookup(act); ok && action.Is(catalog.PermissionsManagement) {
				mgmt = append(mgmt, act)
			}
		}
		if len(mgmt) == 0 {
			return
		}
		where := "on every resource"
		if a.s.Kind == Resource {
			where = "to " + principalNames(s) + " on this resource"
		}
		out = append(out, a.issue(d, i, "allows permissions management ("+list(mgmt)+") "+where+
			": whoever holds it can change who may read, write or decrypt", strings.Join(mgmt, ",")))
	})
	return out
}

// onlyOwner reports whether a resource policy statement grants only to the
// owning account's root, the usual first statement of a key policy.
func (a *analysis) onlyOwner(s *iam.Statement) bool {
	if s.Principal == nil || s.Principal.All || len(s.Principal.IDs) != 1 {
		return false
	}
	ids := s.Principal.IDs["AWS"]
	if len(ids) == 0 {
		return false
	}
	for _, id := range ids {
		acct := principalAccount(id)
		root := accountPattern.MatchString(id) || strings.HasSuffix(id, ":root")
		if !root || (a.account != "" && acct != a.account) {
			return false
		}
	}
	return true
}

// principalUnknown reports a principal not known at scan time (an ARN built
// from a computed account ID): nothing is concluded about it.
func principalUnknown(s *iam.Statement) bool {
	if s.Principal == nil {
		return false
	}
	for _, ids := range s.Principal.IDs {
		for _, id := range ids {
			if unknown.In(id) {
				return true
			}
		}
	}
	return false
}

// principalNames lists a statement's principals for messages.
func principalNames(s *iam.Statement) string {
	if s.Principal == nil {
		return "nobody"
	}
	if s.Principal.All {
		return "everyone (\"*\")"
	}
	var names []string
	for _, kind := range []string{"AWS", "Service", "Federated", "CanonicalUser"} {
		names = append(names, s.Principal.IDs[kind]...)
	}
	return list(names)
}

// expandActions expands action patterns through the catalog; patterns of
// services outside it are dropped.
func expandActions(patterns []string) []string {
	var out []string
	for _, p := range patterns {
		out = append(out, catalog.Expand(p)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// grantedActions are the catalogued actions a statement names: its Action
// patterns expanded, or every action its NotAction does not exclude.
func grantedActions(s *iam.Statement) []string {
	if len(s.NotAction) == 0 {
		return expandActions(s.Action)
	}
	var out []string
	for _, act := range catalog.Expand("*") {
		if s.AllowsAction(act) {
			out = append(out, act)
		}
	}
	return out
}
