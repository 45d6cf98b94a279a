package analyze

import (
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// probeCaller is the principal whose requests the analyses evaluate.
const probeCaller = "arn:aws:iam::111122223333:role/mlguard-probe-caller"

// step is one call of an escalation path: the action, the kind of resource
// it acts on (a key of probeResources), and the service a passed role goes
// to. alternatives, when set, may stand in for the action.
type step struct {
	action       string
	resource     string
	passedTo     string
	alternatives []string
}

// path is a known privilege-escalation path: calls that, allowed together
// on resources the principal does not own, give it another identity's rights.
type path struct {
	name  string
	how   string
	steps []step
}

func passRole(service string) step {
	return step{action: "iam:PassRole", resource: "role", passedTo: service}
}

// paths are the escalation paths checked: the SageMaker ones first, then the
// general IAM ones (after Rhino Security Labs' catalogue).
var paths = []path{
	{"sagemaker-notebook", "create a notebook instance as any role and open it", []step{passRole("sagemaker.amazonaws.com"),
		{action: "sagemaker:CreateNotebookInstance", resource: "notebook"}, {action: "sagemaker:CreatePresignedNotebookInstanceUrl", resource: "notebook"}}},
	{"sagemaker-training", "start a training job as any role, running its own container", []step{passRole("sagemaker.amazonaws.com"),
		{action: "sagemaker:CreateTrainingJob", resource: "training-job"}}},
	{"sagemaker-processing", "start a processing job as any role, running its own container", []step{passRole("sagemaker.amazonaws.com"),
		{action: "sagemaker:CreateProcessingJob", resource: "processing-job"}}},
	{"sagemaker-tuning", "start a hyperparameter tuning job as any role, running its own container", []step{passRole("sagemaker.amazonaws.com"),
		{action: "sagemaker:CreateHyperParameterTuningJob", resource: "tuning-job"}}},
	{"sagemaker-pipeline", "create and run a pipeline as any role", []step{passRole("sagemaker.amazonaws.com"),
		{action: "sagemaker:CreatePipeline", resource: "pipeline"}, {action: "sagemaker:StartPipelineExecution", resource: "pipeline"}}},
	{"sagemaker-presigned-notebook", "open another user's notebook instance, which runs as its execution role", []step{
		{action: "sagemaker:CreatePresignedNotebookInstanceUrl", resource: "notebook"}}},
	{"sagemaker-presigned-domain", "open any Studio user profile, whose apps run as its execution role", []step{
		{action: "sagemaker:CreatePresignedDomainUrl", resource: "user-profile"}}},
	{"sagemaker-lifecycle", "attach a lifecycle script to another user's notebook instance, which runs it as the notebook's role", []step{
		{action: "sagemaker:CreateNotebookInstanceLifecycleConfig", resource: "lifecycle-config", alternatives: []string{"sagemaker:UpdateNotebookInstanceLifecycleConfig"}},
		{action: "sagemaker:UpdateNotebookInstance", resource: "notebook"}}},
	{"iam-create-policy-version", "write a new default version of a managed policy it holds", []step{{action: "iam:CreatePolicyVersion", resource: "policy"}}},
	{"iam-set-default-policy-version", "switch a managed policy it holds to a more permissive version", []step{{action: "iam:SetDefaultPolicyVersion", resource: "policy"}}},
	{"iam-attach-policy", "attach any managed policy (AdministratorAccess) to a principal", []step{{action: "iam:AttachRolePolicy", resource: "role",
		alternatives: []string{"iam:AttachUserPolicy", "iam:AttachGroupPolicy"}}}},
	{"iam-put-policy", "write any inline policy on a principal", []step{{action: "iam:PutRolePolicy", resource: "role",
		alternatives: []string{"iam:PutUserPolicy", "iam:PutGroupPolicy"}}}},
	{"iam-create-access-key", "create access keys for another user", []step{{action: "iam:CreateAccessKey", resource: "user"}}},
	{"iam-login-profile", "set another user's console password", []step{{action: "iam:CreateLoginProfile", resource: "user",
		alternatives: []string{"iam:UpdateLoginProfile"}}}},
	{"iam-add-user-to-group", "add a user to any group", []step{{action: "iam:AddUserToGroup", resource: "group"}}},
	// A trust policy that names the caller lets it assume the role with no
	// identity allow (same account), so rewriting the trust is enough.
	{"iam-update-trust", "rewrite any role's trust policy to name itself and assume the role", []step{{action: "iam:UpdateAssumeRolePolicy", resource: "role"}}},
	{"lambda-pass-role", "create and invoke a Lambda function as any role", []step{passRole("lambda.amazonaws.com"),
		{action: "lambda:CreateFunction", resource: "function"}, {action: "lambda:InvokeFunction", resource: "function"}}},
	{"ec2-pass-role", "launch an instance with any role's instance profile", []step{passRole("ec2.amazonaws.com"),
		{action: "ec2:RunInstances", resource: "instance"}}},
	{"glue-pass-role", "create a Glue development endpoint as any role", []step{passRole("glue.amazonaws.com"),
		{action: "glue:CreateDevEndpoint", resource: "dev-endpoint"}}},
	{"glue-update-dev-endpoint", "put its SSH key on another Glue development endpoint", []step{{action: "glue:UpdateDevEndpoint", resource: "dev-endpoint"}}},
	{"cloudformation-pass-role", "create a stack that runs as any role", []step{passRole("cloudformation.amazonaws.com"),
		{action: "cloudformation:CreateStack", resource: "stack"}}},
}

// probeResources are resources of each kind that no policy names on
// purpose, in the account the analysis takes as the principal's own: a
// grant that covers them covers resources of others.
var probeResources = map[string]string{
	"role":             "arn:aws:iam::%s:role/mlguard-probe-admin",
	"user":             "arn:aws:iam::%s:user/mlguard-probe-other",
	"group":            "arn:aws:iam::%s:group/mlguard-probe-admins",
	"policy":           "arn:aws:iam::%s:policy/mlguard-probe-policy",
	"notebook":         "arn:aws:sagemaker:us-east-1:%s:notebook-instance/mlguard-probe-other",
	"training-job":     "arn:aws:sagemaker:us-east-1:%s:training-job/mlguard-probe",
	"processing-job":   "arn:aws:sagemaker:us-east-1:%s:processing-job/mlguard-probe",
	"tuning-job":       "arn:aws:sagemaker:us-east-1:%s:hyper-parameter-tuning-job/mlguard-probe",
	"pipeline":         "arn:aws:sagemaker:us-east-1:%s:pipeline/mlguard-probe",
	"user-profile":     "arn:aws:sagemaker:us-east-1:%s:user-profile/d-mlguardprobe/mlguard-probe-other",
	"lifecycle-config": "arn:aws:sagemaker:us-east-1:%s:notebook-instance-lifecycle-config/mlguard-probe",
	"function":         "arn:aws:lambda:us-east-1:%s:function:mlguard-probe",
	"instance":         "arn:aws:ec2:us-east-1:%s:instance/i-0123456789abcdef0",
	"dev-endpoint":     "arn:aws:glue:us-east-1:%s:devEndpoint/mlguard-probe",
	"stack":            "arn:aws:cloudformation:us-east-1:%s:stack/mlguard-probe/00000000-0000-0000-0000-000000000000",
}

// managedEquivalents stand in for AWS managed policies whose documents the
// scan does not hold, by the grants that matter to escalation.
var managedEquivalents = map[string]string{
	"AdministratorAccess":       `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
	"PowerUserAccess":           `{"Statement":{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}}`,
	"IAMFullAccess":             `{"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}`,
	"AmazonSageMakerFullAccess": `{"Statement":[{"Effect":"Allow","Action":"sagemaker:*","Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/*sagemaker*","Condition":{"StringEquals":{"iam:PassedToService":["sagemaker.amazonaws.com"]}}}]}`,
}

func (a *analysis) escalation() []Issue {
	if a.s.Kind != Identity || a.s.PerDocument || len(a.admin()) > 0 {
		return nil // an administrator needs no path; its grant is reported
	}
	docs := a.policies()
	if len(docs) == 0 {
		return nil
	}
	account := a.account
	if account == "" {
		account = a.identityAccount()
	}
	var out []Issue
	for _, p := range paths {
		where, ok := a.allowsPath(p, docs, account)
		if !ok {
			continue
		}
		var calls []string
		for _, st := range p.steps {
			calls = append(calls, st.action)
		}
		msg := "allows " + strings.Join(calls, " + ") + " on resources it does not own: it can " + p.how +
			", and so gain another identity's permissions"
		is := Issue{Doc: -1, Statement: -1, Message: msg, Value: p.name}
		if where.doc < 0 {
			is.Message = "through " + a.managedGrantor(p, account) + " " + msg
		} else {
			doc := a.s.Docs[where.doc]
			is.Doc, is.Statement = where.doc, where.stmt
			is.Message = doc.Name + " statement " + doc.Policy.Label(where.stmt) + " " + msg
		}
		out = append(out, is)
	}
	return out
}

// policies are the subject's documents and stand-ins for its AWS managed
// policies, in the order of Docs (stand-ins last).
func (a *analysis) policies() []*iam.Policy {
	var out []*iam.Policy
	for _, d := range a.s.Docs {
		if d.Policy != nil {
			out = append(out, d.Policy)
		}
	}
	for _, arn := range a.s.Managed {
		if doc, ok := managedEquivalents[iam.ManagedPolicyName(arn)]; ok {
			p, err := iam.Parse([]byte(doc))
			if err == nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// identityAccount is the account the subject's own ARNs name, or a
// documentation account when they name none.
func (a *analysis) identityAccount() string {
	counts := map[string]int{}
	a.each(func(_, _ int, s *iam.Statement) {
		for _, r := range s.Resource {
			if acct := arnAccount(r); accountPattern.MatchString(acct) {
				counts[acct]++
			}
		}
	})
	best, n := "111122223333", 0
	for acct, c := range counts {
		if c > n || (c == n && acct < best) {
			best, n = acct, c
		}
	}
	return best
}

type place struct{ doc, stmt int }

// allowsPath evaluates every step of p with the engine, and returns the
// statement that grants the first step.
func (a *analysis) allowsPath(p path, docs []*iam.Policy, account string) (place, bool) {
	first := place{-1, -1}
	for k, st := range p.steps {
		granted := ""
		for _, act := range append([]string{st.action}, st.alternatives...) {
			if iam.Evaluate(st.request(act, account), iam.Policies{Identity: docs}) == iam.Allowed {
				granted = act
				break
			}
		}
		if granted == "" {
			return first, false
		}
		if k == 0 {
			first = a.grantor(st.request(granted, account))
		}
	}
	return first, true
}

func (st step) request(action, account string) iam.Request {
	req := iam.Request{Principal: probeCaller, Action: action,
		Resource: strings.Replace(probeResources[st.resource], "%s", account, 1)}
	if st.passedTo != "" {
		req.Context = map[string][]string{"iam:PassedToService": {st.passedTo}}
	}
	return req
}

// managedGrantor names the attached AWS managed policy that allows the
// first step of p.
func (a *analysis) managedGrantor(p path, account string) string {
	for _, arn := range a.s.Managed {
		name := iam.ManagedPolicyName(arn)
		doc, ok := managedEquivalents[name]
		if !ok {
			continue
		}
		pol, err := iam.Parse([]byte(doc))
		if err != nil {
			continue
		}
		for _, act := range append([]string{p.steps[0].action}, p.steps[0].alternatives...) {
			if iam.Evaluate(p.steps[0].request(act, account), iam.Policies{Identity: []*iam.Policy{pol}}) == iam.Allowed {
				return "the AWS managed policy " + name + ", it"
			}
		}
	}
	return "its policies together, it"
}

// grantor finds the first statement of the subject that alone allows req.
func (a *analysis) grantor(req iam.Request) place {
	found := place{-1, -1}
	a.each(func(d, i int, s *iam.Statement) {
		if found.doc >= 0 || !allow(s) {
			return
		}
		one := &iam.Policy{Statements: []iam.Statement{*s}}
		if iam.Evaluate(req, iam.Policies{Identity: []*iam.Policy{one}}) == iam.Allowed {
			found = place{d, i}
		}
	})
	return found
}
