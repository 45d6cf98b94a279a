package guardrail

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/catalog"
)

// MaxSCPChars is the size limit of one service control policy (AWS
// Organizations counts every character of the document).
const MaxSCPChars = 5120

// MaxSCPsPerTarget is how many SCPs AWS lets you attach to one account or
// OU, FullAWSAccess included.
const MaxSCPsPerTarget = 5

// Statement is one compiled SCP statement and what it covers.
type Statement struct {
	Guardrail string `json:"guardrail"`
	// Statement is the SCP statement itself.
	Statement iam.Statement `json:"statement"`
	// Note says what the statement cannot see or why it is written so.
	Note string `json:"note,omitempty"`
	// Policy is the name of the SCP the statement was packed into.
	Policy string `json:"policy"`
}

// SCP is one service control policy document.
type SCP struct {
	Name     string     `json:"name"`
	Document iam.Policy `json:"document"`
	// Chars is the size of the minified document, against MaxSCPChars.
	Chars int `json:"chars"`
}

// SCPSet is what the AWS target compiles to.
type SCPSet struct {
	Policies   []SCP       `json:"policies"`
	Statements []Statement `json:"statements"`
	// Warnings name what the set cannot do (too many policies, guardrails
	// with nothing to enforce on AWS).
	Warnings []string `json:"warnings,omitempty"`
}

// Actions API calls take the parameter each guardrail is about; the catalog
// says which of them support the condition key, and the compile fails if it
// no longer does for one of these (a catalog refresh changed it).
var (
	vpcActions = []string{
		"CreateNotebookInstance", "CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob",
		"CreateModel", "CreateDomain", "CreateAutoMLJob", "CreateAutoMLJobV2", "CreateDataQualityJobDefinition",
		"CreateModelQualityJobDefinition", "CreateModelBiasJobDefinition", "CreateModelExplainabilityJobDefinition",
		"CreateMonitoringSchedule",
	}
	volumeKeyActions = []string{
		"CreateNotebookInstance", "CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob",
		"CreateTransformJob", "CreateDomain", "CreateAutoMLJob", "CreateAutoMLJobV2", "CreateLabelingJob",
		"CreateDataQualityJobDefinition", "CreateModelQualityJobDefinition", "CreateModelBiasJobDefinition",
		"CreateModelExplainabilityJobDefinition", "CreateMonitoringSchedule",
	}
	outputKeyActions = []string{
		"CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob", "CreateTransformJob",
		"CreateAutoMLJob", "CreateAutoMLJobV2", "CreateLabelingJob", "CreateDataQualityJobDefinition",
		"CreateModelQualityJobDefinition", "CreateModelBiasJobDefinition", "CreateModelExplainabilityJobDefinition",
		"CreateMonitoringSchedule",
	}
	isolationActions = []string{
		"CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob", "CreateModel",
		"CreateDataQualityJobDefinition", "CreateModelQualityJobDefinition", "CreateModelBiasJobDefinition",
		"CreateModelExplainabilityJobDefinition", "CreateMonitoringSchedule",
	}
	iceActions = []string{
		"CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob", "CreateAutoMLJob",
		"CreateAutoMLJobV2", "CreateDataQualityJobDefinition", "CreateModelQualityJobDefinition",
		"CreateModelBiasJobDefinition", "CreateModelExplainabilityJobDefinition", "CreateMonitoringSchedule",
	}
)

// The KMS condition keys: the Service Authorization Reference names the
// keys SageMaker actions support sagemaker:VolumeKmsKeyArn and
// sagemaker:OutputKmsKeyArn, while AWS's own examples use the shorter
// names. A statement that requires a key tests both as absent, so it holds
// whichever name the request carries.
var (
	volumeKeys = []string{"sagemaker:VolumeKmsKey", "sagemaker:VolumeKmsKeyArn"}
	outputKeys = []string{"sagemaker:OutputKmsKey", "sagemaker:OutputKmsKeyArn"}
)

// sagemaker returns sagemaker:Action for each name, checking in the catalog
// that the action supports key.
func sagemaker(key string, names ...string) ([]string, error) {
	out := make([]string, 0, len(names))
	for _, n := range names {
		_, a, ok := catalog.Lookup("sagemaker:" + n)
		if !ok {
			return nil, fmt.Errorf("guardrail: the catalog has no sagemaker:%s", n)
		}
		if !slices.Contains(a.Conditions, key) {
			return nil, fmt.Errorf("guardrail: sagemaker:%s does not support the condition key %s", n, key)
		}
		out = append(out, "sagemaker:"+n)
	}
	sort.Strings(out)
	return out, nil
}

type cond = map[string]map[string]iam.Values

// awsStatements builds the deny statements of every guardrail that is on.
func awsStatements(s *Spec) ([]Statement, []string, error) {
	g := s.Guardrails
	var out []Statement
	var warnings []string
	var err error
	add := func(guardrail, sid, key string, actions []string, c cond, note string) {
		if err != nil {
			return
		}
		var acts []string
		if acts, err = sagemaker(key, actions...); err == nil {
			out = append(out, Statement{Guardrail: guardrail, Note: note, Statement: iam.Statement{
				Sid: sid, Effect: "Deny", Action: acts, Resource: iam.Values{"*"}, Condition: c}})
		}
	}
	if g.NotebookNoDirectInternet != nil {
		add(NotebookNoDirectInternet, "DenyNotebookDirectInternet", "sagemaker:DirectInternetAccess", []string{"CreateNotebookInstance"},
			cond{"StringNotEquals": {"sagemaker:DirectInternetAccess": {"Disabled"}}},
			"DirectInternetAccess defaults to Enabled: a request that leaves it out is denied too.")
	}
	if g.NotebookNoRoot != nil {
		add(NotebookNoRoot, "DenyNotebookRootOnCreate", "sagemaker:RootAccess", []string{"CreateNotebookInstance"},
			cond{"StringNotEquals": {"sagemaker:RootAccess": {"Disabled"}}},
			"RootAccess defaults to Enabled: a request that leaves it out is denied too.")
		add(NotebookNoRoot, "DenyNotebookRootOnUpdate", "sagemaker:RootAccess", []string{"UpdateNotebookInstance"},
			cond{"StringEquals": {"sagemaker:RootAccess": {"Enabled"}}},
			"An update that leaves RootAccess out keeps the current setting, so only turning it on is denied.")
	}
	if g.NotebookIMDSv2 != nil {
		add(NotebookIMDSv2, "DenyNotebookIMDSv1OnCreate", "sagemaker:MinimumInstanceMetadataServiceVersion", []string{"CreateNotebookInstance"},
			cond{"StringNotEquals": {"sagemaker:MinimumInstanceMetadataServiceVersion": {"2"}}},
			"The minimum IMDS version defaults to 1: a request that leaves it out is denied too.")
		add(NotebookIMDSv2, "DenyNotebookIMDSv1OnUpdate", "sagemaker:MinimumInstanceMetadataServiceVersion", []string{"UpdateNotebookInstance"},
			cond{"StringEquals": {"sagemaker:MinimumInstanceMetadataServiceVersion": {"1"}}}, "")
	}
	if g.NotebookNoFileDownloads != nil {
		warnings = append(warnings, NotebookNoFileDownloads+": SageMaker has no condition key for it; it compiles for Google Cloud only")
	}
	if g.VPCOnly != nil {
		add(VPCOnly, "DenyOutsideVpc", "sagemaker:VpcSubnets", vpcActions,
			cond{"Null": {"sagemaker:VpcSubnets": {"true"}}},
			"Denies creating these without subnets. Transform jobs and endpoints run in their model's VPC, which CreateModel requires.")
		add(VPCOnly, "DenyStudioPublicInternetOnCreate", "sagemaker:AppNetworkAccessType", []string{"CreateDomain"},
			cond{"StringNotEquals": {"sagemaker:AppNetworkAccessType": {"VpcOnly"}}},
			"AppNetworkAccessType defaults to PublicInternetOnly: a request that leaves it out is denied too.")
		add(VPCOnly, "DenyStudioPublicInternetOnUpdate", "sagemaker:AppNetworkAccessType", []string{"UpdateDomain"},
			cond{"StringEquals": {"sagemaker:AppNetworkAccessType": {"PublicInternetOnly"}}}, "")
	}
	if g.EncryptionAtRest != nil {
		add(EncryptionAtRest, "DenyVolumesWithoutKms", "sagemaker:VolumeKmsKeyArn", volumeKeyActions,
			cond{"Null": nullAll(volumeKeys)}, "")
		add(EncryptionAtRest, "DenyOutputWithoutKms", "sagemaker:OutputKmsKeyArn", outputKeyActions,
			cond{"Null": nullAll(outputKeys)}, "")
		add(EncryptionAtRest, "DenyEndpointConfigWithoutKms", "sagemaker:VolumeKmsKeyArn", []string{"CreateEndpointConfig"},
			cond{"Null": nullAll(volumeKeys)},
			"Instance types with local NVMe storage (ml.p4d, ml.g5, ...) and serverless endpoints refuse a KMS key: exempt those teams or they cannot deploy them.")
	}
	if g.NetworkIsolation != nil {
		add(NetworkIsolation, "DenyWithoutNetworkIsolation", "sagemaker:NetworkIsolation", isolationActions,
			cond{"BoolIfExists": {"sagemaker:NetworkIsolation": {"false"}}},
			"Network isolation defaults to off: a request that leaves it out is denied too.")
	}
	if g.InterContainerEncryption != nil {
		add(InterContainerEncryption, "DenyWithoutInterContainerEncryption", "sagemaker:InterContainerTrafficEncryption", iceActions,
			cond{"BoolIfExists": {"sagemaker:InterContainerTrafficEncryption": {"false"}}},
			"Inter-container traffic encryption defaults to off: a request that leaves it out is denied too.")
	}
	if k := g.ApprovedKMSKeys; k != nil {
		if len(k.AWS) == 0 {
			warnings = append(warnings, ApprovedKMSKeys+": no AWS key ARNs listed; no SCP statement")
		}
		kinds := []struct {
			keys    []string
			actions []string
		}{
			{volumeKeys, append(slices.Clone(volumeKeyActions), "CreateEndpointConfig")},
			{outputKeys, outputKeyActions},
		}
		for _, kind := range kinds {
			for _, key := range kind.keys {
				if len(k.AWS) == 0 {
					break
				}
				// One statement per spelling: each holds only when its
				// key is present and names no approved key.
				add(ApprovedKMSKeys, "DenyUnapproved"+strings.TrimPrefix(key, "sagemaker:"), kind.keys[1], kind.actions,
					cond{"Null": {key: {"false"}}, "ArnNotLike": {key: k.AWS}},
					"Keys must be given as key ARNs: a key ID or alias does not match an approved ARN and is denied.")
			}
		}
	}
	if r := g.ApprovedRegions; r != nil {
		if len(r.AWS) == 0 {
			warnings = append(warnings, ApprovedRegions+": no AWS regions listed; no SCP statement")
		} else if err == nil {
			out = append(out, Statement{Guardrail: ApprovedRegions, Statement: iam.Statement{
				Sid: "DenyMLOutsideApprovedRegions", Effect: "Deny", Action: iam.Values{"bedrock:*", "sagemaker:*"},
				Resource: iam.Values{"*"}, Condition: cond{"StringNotEquals": {"aws:RequestedRegion": r.AWS}}}})
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if len(s.ExemptPrincipals) > 0 {
		for i := range out {
			out[i].Statement.Condition["ArnNotLike"] = mergeValues(out[i].Statement.Condition["ArnNotLike"], "aws:PrincipalARN", s.ExemptPrincipals)
		}
	}
	return out, warnings, nil
}

func nullAll(keys []string) map[string]iam.Values {
	m := map[string]iam.Values{}
	for _, k := range keys {
		m[k] = iam.Values{"true"}
	}
	return m
}

func mergeValues(m map[string]iam.Values, key string, values []string) map[string]iam.Values {
	if m == nil {
		m = map[string]iam.Values{}
	}
	m[key] = append(m[key], values...)
	return m
}

// CompileSCPs compiles the AWS guardrails into as few SCPs as fit the size
// limit, each statement in one policy.
func CompileSCPs(s *Spec) (*SCPSet, error) {
	stmts, warnings, err := awsStatements(s)
	if err != nil {
		return nil, err
	}
	set := &SCPSet{Statements: stmts, Warnings: warnings}
	// First fit, largest first: the set needs few policies and the same
	// spec always packs the same way.
	order := make([]int, len(stmts))
	sizes := make([]int, len(stmts))
	for i := range stmts {
		order[i] = i
		b, _ := json.Marshal(stmts[i].Statement)
		sizes[i] = len(b)
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	var docs []iam.Policy
	for _, i := range order {
		placed := false
		for d := range docs {
			trial := docs[d]
			trial.Statements = append(slices.Clone(trial.Statements), stmts[i].Statement)
			if minified(trial) <= MaxSCPChars {
				docs[d] = trial
				stmts[i].Policy = fmt.Sprintf("mlguard-ml-guardrails-%d", d+1)
				placed = true
				break
			}
		}
		if !placed {
			doc := iam.Policy{Version: "2012-10-17", Statements: []iam.Statement{stmts[i].Statement}}
			if n := minified(doc); n > MaxSCPChars {
				return nil, fmt.Errorf("guardrail: statement %s alone is %d characters, over the SCP limit of %d", stmts[i].Statement.Sid, n, MaxSCPChars)
			}
			docs = append(docs, doc)
			stmts[i].Policy = fmt.Sprintf("mlguard-ml-guardrails-%d", len(docs))
		}
	}
	for d, doc := range docs {
		sort.SliceStable(doc.Statements, func(a, b int) bool { return doc.Statements[a].Sid < doc.Statements[b].Sid })
		set.Policies = append(set.Policies, SCP{Name: fmt.Sprintf("mlguard-ml-guardrails-%d", d+1), Document: doc, Chars: minified(doc)})
	}
	if len(docs) > MaxSCPsPerTarget-1 {
		set.Warnings = append(set.Warnings, fmt.Sprintf("%d SCPs: with FullAWSAccess that is over the %d AWS lets you attach to one account or OU; attach some at a parent OU", len(docs), MaxSCPsPerTarget))
	}
	return set, nil
}

// minified is the size of a policy as AWS counts it, without whitespace.
func minified(p iam.Policy) int {
	b, _ := json.Marshal(p)
	return len(b)
}
