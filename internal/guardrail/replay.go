package guardrail

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/iam"
)

// params maps each replayed SageMaker call to its condition keys: the path
// of the request parameter that sets each one (dotted, into requestParameters).
var params = map[string]map[string][]string{
	"CreateNotebookInstance": {
		"sagemaker:DirectInternetAccess": {"directInternetAccess"}, "sagemaker:RootAccess": {"rootAccess"},
		"sagemaker:VpcSubnets": {"subnetId"}, "sagemaker:VpcSecurityGroupIds": {"securityGroupIds"},
		"sagemaker:VolumeKmsKey": {"kmsKeyId"}, "sagemaker:InstanceTypes": {"instanceType"},
		"sagemaker:MinimumInstanceMetadataServiceVersion": {"instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion"},
	},
	"UpdateNotebookInstance": {
		"sagemaker:RootAccess": {"rootAccess"}, "sagemaker:InstanceTypes": {"instanceType"},
		"sagemaker:MinimumInstanceMetadataServiceVersion": {"instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion"},
	},
	"CreateTrainingJob": {
		"sagemaker:VpcSubnets": {"vpcConfig.subnets"}, "sagemaker:VpcSecurityGroupIds": {"vpcConfig.securityGroupIds"},
		"sagemaker:VolumeKmsKey": {"resourceConfig.volumeKmsKeyId"}, "sagemaker:OutputKmsKey": {"outputDataConfig.kmsKeyId"},
		"sagemaker:NetworkIsolation": {"enableNetworkIsolation"}, "sagemaker:InterContainerTrafficEncryption": {"enableInterContainerTrafficEncryption"},
		"sagemaker:InstanceTypes": {"resourceConfig.instanceType"},
	},
	"CreateHyperParameterTuningJob": {
		"sagemaker:VpcSubnets": {"trainingJobDefinition.vpcConfig.subnets"}, "sagemaker:VpcSecurityGroupIds": {"trainingJobDefinition.vpcConfig.securityGroupIds"},
		"sagemaker:VolumeKmsKey": {"trainingJobDefinition.resourceConfig.volumeKmsKeyId"}, "sagemaker:OutputKmsKey": {"trainingJobDefinition.outputDataConfig.kmsKeyId"},
		"sagemaker:NetworkIsolation":                {"trainingJobDefinition.enableNetworkIsolation"},
		"sagemaker:InterContainerTrafficEncryption": {"trainingJobDefinition.enableInterContainerTrafficEncryption"},
	},
	"CreateProcessingJob": {
		"sagemaker:VpcSubnets": {"networkConfig.vpcConfig.subnets"}, "sagemaker:VpcSecurityGroupIds": {"networkConfig.vpcConfig.securityGroupIds"},
		"sagemaker:VolumeKmsKey": {"processingResources.clusterConfig.volumeKmsKeyId"}, "sagemaker:OutputKmsKey": {"processingOutputConfig.kmsKeyId"},
		"sagemaker:NetworkIsolation":                {"networkConfig.enableNetworkIsolation"},
		"sagemaker:InterContainerTrafficEncryption": {"networkConfig.enableInterContainerTrafficEncryption"},
		"sagemaker:InstanceTypes":                   {"processingResources.clusterConfig.instanceType"},
	},
	"CreateTransformJob": {
		"sagemaker:VolumeKmsKey": {"transformResources.volumeKmsKeyId"}, "sagemaker:OutputKmsKey": {"transformOutput.kmsKeyId"},
		"sagemaker:InstanceTypes": {"transformResources.instanceType"}, "sagemaker:ModelArn": {"modelName"},
	},
	"CreateModel": {
		"sagemaker:VpcSubnets": {"vpcConfig.subnets"}, "sagemaker:VpcSecurityGroupIds": {"vpcConfig.securityGroupIds"},
		"sagemaker:NetworkIsolation": {"enableNetworkIsolation"},
	},
	"CreateEndpointConfig": {
		"sagemaker:VolumeKmsKey": {"kmsKeyId"}, "sagemaker:InstanceTypes": {"productionVariants.instanceType"},
	},
	"CreateDomain": {
		"sagemaker:AppNetworkAccessType": {"appNetworkAccessType"}, "sagemaker:VpcSubnets": {"subnetIds"},
		"sagemaker:VpcSecurityGroupIds": {"defaultUserSettings.securityGroups"}, "sagemaker:VolumeKmsKey": {"kmsKeyId"},
	},
	"UpdateDomain": {
		"sagemaker:AppNetworkAccessType": {"appNetworkAccessType"}, "sagemaker:VpcSubnets": {"subnetIds"},
	},
}

// Replayed names the SageMaker calls replay evaluates.
func Replayed() []string {
	out := make([]string, 0, len(params))
	for a := range params {
		out = append(out, "sagemaker:"+a)
	}
	sort.Strings(out)
	return out
}

// Request builds the IAM request a CloudTrail record stands for, with the
// condition keys its parameters set. ok is false for calls replay does not
// evaluate. Both spellings of the KMS keys are set, as SCPs may use either.
func Request(e *cloudtrail.Event) (req iam.Request, ok bool, err error) {
	if e.EventSource != "sagemaker.amazonaws.com" {
		return req, false, nil
	}
	keys, ok := params[e.EventName]
	if !ok {
		return req, false, nil
	}
	var p map[string]any
	if len(e.RequestParameters) > 0 && string(e.RequestParameters) != "null" {
		if err := json.Unmarshal(e.RequestParameters, &p); err != nil {
			return req, false, fmt.Errorf("requestParameters: %w", err)
		}
	}
	ctx := map[string][]string{}
	for key, paths := range keys {
		for _, path := range paths {
			if vs := lookup(p, strings.Split(path, ".")); len(vs) > 0 {
				ctx[key] = append(ctx[key], vs...)
			}
		}
	}
	for _, k := range []string{"sagemaker:VolumeKmsKey", "sagemaker:OutputKmsKey"} {
		if v, ok := ctx[k]; ok {
			ctx[k+"Arn"] = v
		}
	}
	principal := e.UserIdentity.ARN
	if issuer := e.UserIdentity.SessionContext.SessionIssuer.ARN; issuer != "" {
		principal = issuer // aws:PrincipalARN of a role session is the role's ARN
	}
	if principal != "" {
		ctx["aws:PrincipalARN"] = []string{principal}
	}
	if e.AWSRegion != "" {
		ctx["aws:RequestedRegion"] = []string{e.AWSRegion}
	}
	return iam.Request{Principal: principal, Action: "sagemaker:" + e.EventName, Resource: "*", Context: ctx}, true, nil
}

// lookup follows a path into decoded JSON; lists along the way fan out, and
// scalars become strings as IAM compares them (booleans as "true"/"false").
func lookup(v any, path []string) []string {
	if len(path) == 0 {
		switch t := v.(type) {
		case string:
			return []string{t}
		case bool, float64:
			return []string{fmt.Sprint(t)}
		case []any:
			var out []string
			for _, item := range t {
				out = append(out, lookup(item, nil)...)
			}
			return out
		}
		return nil
	}
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if strings.EqualFold(k, path[0]) {
				return lookup(child, path[1:])
			}
		}
	case []any:
		var out []string
		for _, item := range t {
			out = append(out, lookup(item, path)...)
		}
		return out
	}
	return nil
}

// NamedSCP is an SCP and where it came from.
type NamedSCP struct {
	Name   string
	Policy *iam.Policy
}

// Verdicts of a replayed call.
const (
	Blocked     = "blocked"      // violates a guardrail and the SCPs deny it
	Gap         = "gap"          // violates a guardrail and the SCPs allow it
	OverBlocked = "over-blocked" // violates no guardrail and the SCPs deny it
	Passed      = "passed"       // violates no guardrail and the SCPs allow it
)

// Call is the outcome of one replayed call.
type Call struct {
	Time      string   `json:"time"`
	Principal string   `json:"principal"`
	Action    string   `json:"action"`
	Region    string   `json:"region,omitempty"`
	File      string   `json:"file"`
	Line      int      `json:"line,omitempty"`
	EventID   string   `json:"event_id,omitempty"`
	Verdict   string   `json:"verdict"`
	DeniedBy  []string `json:"denied_by,omitempty"` // SCP name#Sid of each denying statement
	// Violates names the guardrails of the spec the call breaks, each with
	// the statement that expresses it.
	Violates []string `json:"violates,omitempty"`
	// Failed is the call's own error code when it failed in the log (for
	// example AccessDenied by the SCPs already in place).
	Failed string `json:"failed,omitempty"`
}

// Replayer evaluates recorded calls against a set of SCPs and judges them
// by a spec's guardrails.
type Replayer struct {
	scps []NamedSCP
	// level is every SCP statement at one level of the organization, with
	// FullAWSAccess added when no SCP allows anything.
	level *iam.Policy
	owner []string // owner[i] names level.Statements[i]
	// AssumedFullAccess is set when the SCPs held no Allow statement, so
	// FullAWSAccess was assumed attached beside them, as AWS requires.
	AssumedFullAccess bool
	reference         []Statement
	// referencePolicies holds each reference statement as a policy of its
	// own, so each call is judged statement by statement.
	referencePolicies []*iam.Policy
}

// NewReplayer prepares a replay: the SCPs are taken as attached together
// to the accounts whose trails are replayed; the spec's guardrails (with no
// exemptions) say which calls are insecure.
func NewReplayer(scps []NamedSCP, spec *Spec) (*Replayer, error) {
	r := &Replayer{scps: scps, level: &iam.Policy{Version: "2012-10-17"}}
	allows := false
	for _, s := range scps {
		for _, st := range s.Policy.Statements {
			allows = allows || strings.EqualFold(st.Effect, "Allow")
			r.level.Statements = append(r.level.Statements, st)
			sid := st.Sid
			if sid == "" {
				sid = fmt.Sprintf("statement %d", len(r.owner)+1)
			}
			r.owner = append(r.owner, s.Name+"#"+sid)
		}
	}
	if !allows {
		r.AssumedFullAccess = true
		r.level.Statements = append(r.level.Statements, iam.Statement{Sid: "FullAWSAccess", Effect: "Allow", Action: iam.Values{"*"}, Resource: iam.Values{"*"}})
		r.owner = append(r.owner, "FullAWSAccess")
	}
	ref := *spec
	ref.ExemptPrincipals = nil
	stmts, _, err := awsStatements(&ref)
	if err != nil {
		return nil, err
	}
	r.reference = stmts
	for _, st := range stmts {
		r.referencePolicies = append(r.referencePolicies, &iam.Policy{Statements: []iam.Statement{st.Statement}})
	}
	return r, nil
}

// Replay evaluates one record; ok is false for records it does not evaluate
// (other services, read-only calls).
func (r *Replayer) Replay(rec *cloudtrail.Record) (c Call, ok bool, err error) {
	req, ok, err := Request(&rec.Event)
	if !ok || err != nil {
		return c, ok, err
	}
	c = Call{Time: rec.EventTime, Principal: req.Principal, Action: req.Action, Region: rec.AWSRegion,
		File: rec.File, Line: rec.Line, EventID: rec.EventID, Failed: rec.ErrorCode}
	decision := iam.Evaluate(req, iam.Policies{
		Identity: []*iam.Policy{allowAll},
		SCPs:     []*iam.Policy{r.level},
	})
	for _, i := range iam.Applying(r.level, req, "Deny") {
		c.DeniedBy = append(c.DeniedBy, r.owner[i])
	}
	if decision == iam.ImplicitDeny {
		c.DeniedBy = append(c.DeniedBy, "no SCP allows it")
	}
	for i, st := range r.reference {
		if len(iam.Applying(r.referencePolicies[i], req, "Deny")) > 0 {
			c.Violates = append(c.Violates, st.Guardrail+" ("+st.Statement.Sid+")")
		}
	}
	denied := decision != iam.Allowed
	switch {
	case len(c.Violates) > 0 && denied:
		c.Verdict = Blocked
	case len(c.Violates) > 0:
		c.Verdict = Gap
	case denied:
		c.Verdict = OverBlocked
	default:
		c.Verdict = Passed
	}
	return c, true, nil
}

var allowAll = &iam.Policy{Statements: []iam.Statement{{Effect: "Allow", Action: iam.Values{"*"}, Resource: iam.Values{"*"}}}}
