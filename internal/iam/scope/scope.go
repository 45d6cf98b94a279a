// Package scope writes least-privilege policies for the execution roles of
// ML tasks: a SageMaker notebook instance, a training, processing or
// pipeline job, or a model behind an endpoint. Each task's needs are listed
// as the calls it makes (Required), and the policy (Policy) allows exactly
// those on the resources given, so that a test can evaluate one against the
// other with the IAM engine.
package scope

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// Tasks are the ML tasks a policy can be written for.
var Tasks = []string{"notebook", "training", "processing", "endpoint", "pipeline"}

// Options describe the task and the resources it uses. Region and Account
// default to "*" (every region, the role's own account).
type Options struct {
	Task      string   `yaml:"task"`
	Buckets   []string `yaml:"buckets"`    // bucket ARNs, arn:aws:s3:::NAME
	KMSKeys   []string `yaml:"kms_keys"`   // key ARNs
	ECRRepos  []string `yaml:"ecr_repos"`  // repository ARNs
	LogGroups []string `yaml:"log_groups"` // log group ARNs; default the task's SageMaker log group
	PassRoles []string `yaml:"pass_roles"` // role ARNs a pipeline passes to the jobs it starts
	Secrets   []string `yaml:"secrets"`    // Secrets Manager secret ARNs the task reads
	// Prefixes limit the task to these object key prefixes in every bucket
	// ("features/"): objects under them, and listing only them.
	Prefixes []string `yaml:"prefixes"`
	// CapturePrefix is where an endpoint's data capture writes, in each
	// bucket: SageMaker writes the captured requests as the model's role.
	CapturePrefix string `yaml:"capture_prefix"`
	// ReadOnly keeps the task to reading: objects get, keys decrypt.
	ReadOnly bool `yaml:"read_only"`
	// NoLogs leaves out the log grants, for a task whose role must do
	// nothing but read its data (a notebook whose logs are not wanted).
	NoLogs  bool   `yaml:"no_logs"`
	VPC     bool   `yaml:"vpc"` // the task runs in a VPC: it manages its network interfaces
	Region  string `yaml:"region"`
	Account string `yaml:"account"`
}

// Args is the mlguard iam scope command line that writes the policy of o.
func (o Options) Args() string {
	parts := []string{"--task " + o.Task}
	add := func(flag string, vs ...string) {
		for _, v := range vs {
			if v != "" {
				parts = append(parts, flag+" "+v)
			}
		}
	}
	add("--bucket", o.Buckets...)
	add("--prefix", o.Prefixes...)
	add("--capture-prefix", o.CapturePrefix)
	add("--kms-key", o.KMSKeys...)
	add("--ecr-repo", o.ECRRepos...)
	add("--secret", o.Secrets...)
	add("--log-group", o.LogGroups...)
	add("--pass-role", o.PassRoles...)
	for _, f := range []struct {
		flag string
		on   bool
	}{{"--vpc", o.VPC}, {"--read-only", o.ReadOnly}, {"--no-logs", o.NoLogs}} {
		if f.on {
			parts = append(parts, f.flag)
		}
	}
	if o.Region != "" && o.Region != "*" {
		add("--region", o.Region)
	}
	if o.Account != "" && o.Account != "*" {
		add("--account", o.Account)
	}
	return strings.Join(parts, " ")
}

// Call is one call a task makes, with the request keys it carries.
type Call struct {
	Action   string
	Resource string
	Context  map[string][]string
}

// grant is a statement in the making: actions on resources, with a condition.
type grant struct {
	sid       string
	actions   []string
	resources []string
	condition map[string]map[string]iam.Values
	// calls are the concrete calls the grant is for, for Required.
	calls []Call
}

// Validate checks the options and fills in defaults.
func (o *Options) Validate() error {
	if !slices.Contains(Tasks, o.Task) {
		return fmt.Errorf("unknown task %q (want one of %s)", o.Task, strings.Join(Tasks, ", "))
	}
	if o.Region == "" {
		o.Region = "*"
	}
	if o.Account == "" {
		o.Account = "*"
	}
	for _, b := range o.Buckets {
		if !strings.HasPrefix(b, "arn:") || !strings.Contains(b, ":s3:::") || strings.Contains(b, "/") || strings.Contains(b, "*") {
			return fmt.Errorf("bucket %q: want a bucket ARN, arn:aws:s3:::NAME", b)
		}
	}
	checks := []struct {
		what, service, prefix string
		arns                  []string
	}{{"KMS key", "kms", "key/", o.KMSKeys}, {"ECR repository", "ecr", "repository/", o.ECRRepos},
		{"log group", "logs", "log-group:", o.LogGroups}, {"role", "iam", "role/", o.PassRoles},
		{"secret", "secretsmanager", "secret:", o.Secrets}}
	for _, c := range checks {
		for _, arn := range c.arns {
			parts := strings.SplitN(arn, ":", 6)
			if len(parts) != 6 || parts[0] != "arn" || parts[2] != c.service || !strings.HasPrefix(parts[5], c.prefix) || strings.Contains(arn, "*") {
				return fmt.Errorf("%s %q: want an ARN like arn:aws:%s:...:%s...", c.what, arn, c.service, c.prefix)
			}
		}
	}
	for _, p := range o.Prefixes {
		if !keyPrefix(p) {
			return fmt.Errorf("prefix %q: want a key prefix ending in / without wildcards, such as features/", p)
		}
	}
	if o.CapturePrefix != "" && (o.Task != "endpoint" || !keyPrefix(o.CapturePrefix)) {
		return fmt.Errorf("capture prefix %q: an endpoint's data capture prefix ends in / and has no wildcards", o.CapturePrefix)
	}
	if o.ReadOnly && o.Task == "pipeline" {
		return fmt.Errorf("a pipeline starts jobs: it cannot be read-only")
	}
	if o.Task == "pipeline" && len(o.PassRoles) == 0 {
		return fmt.Errorf("a pipeline passes execution roles to the jobs it starts: name them with --pass-role")
	}
	if len(o.Buckets) == 0 {
		return fmt.Errorf("name the buckets the task reads or writes with --bucket")
	}
	return nil
}

// keyPrefix reports whether p is an object key prefix a policy can name:
// it ends in a slash, does not start with one, and has no wildcard.
func keyPrefix(p string) bool {
	return strings.HasSuffix(p, "/") && !strings.HasPrefix(p, "/") && !strings.ContainsAny(p, "*?")
}

// Policy writes the least-privilege policy for the task.
func Policy(o Options) (*iam.Policy, error) {
	gs, err := grants(o)
	if err != nil {
		return nil, err
	}
	p := &iam.Policy{Version: "2012-10-17"}
	for _, g := range gs {
		p.Statements = append(p.Statements, iam.Statement{Sid: g.sid, Effect: "Allow", Action: g.actions,
			Resource: g.resources, Condition: g.condition})
	}
	return p, nil
}

// Required lists the calls the task makes on the resources given: what the
// policy must allow.
func Required(o Options) ([]Call, error) {
	gs, err := grants(o)
	if err != nil {
		return nil, err
	}
	var out []Call
	for _, g := range gs {
		out = append(out, g.calls...)
	}
	return out, nil
}

func grants(o Options) ([]grant, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	var gs []grant
	gs = append(gs, s3Grants(o)...)
	gs = append(gs, kmsGrants(o)...)
	gs = append(gs, ecrGrants(o)...)
	gs = append(gs, secretGrants(o)...)
	if !o.NoLogs {
		gs = append(gs, logGrants(o)...)
	}
	if o.Task == "training" || o.Task == "processing" || o.Task == "endpoint" {
		gs = append(gs, metricGrant())
	}
	if o.VPC {
		gs = append(gs, vpcGrants(o)...)
	}
	if o.Task == "pipeline" {
		gs = append(gs, pipelineGrants(o)...)
	}
	return gs, nil
}

// each builds a grant of the actions on the resources, with a call for each
// pair (on the probe form of each resource).
func each(sid string, actions, resources []string, probe func(string) string) grant {
	g := grant{sid: sid, actions: actions, resources: resources}
	for _, a := range actions {
		for _, r := range resources {
			g.calls = append(g.calls, Call{Action: a, Resource: probe(r)})
		}
	}
	return g
}

func same(r string) string { return r }

// writes reports whether the task writes to its buckets: everything but a
// model behind an endpoint, which only reads its artifacts, and a task
// asked to be read-only.
func (o Options) writes() bool { return o.Task != "endpoint" && !o.ReadOnly }

func s3Grants(o Options) []grant {
	var objects []string
	for _, b := range o.Buckets {
		if len(o.Prefixes) == 0 {
			objects = append(objects, b+"/*")
		}
		for _, p := range o.Prefixes {
			objects = append(objects, b+"/"+p+"*")
		}
	}
	obj := func(r string) string { return strings.TrimSuffix(r, "*") + "data/part-0000.parquet" }
	gs := []grant{listGrant(o)}
	switch {
	case o.writes():
		gs = append(gs, each("ReadWriteObjects", []string{"s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"}, objects, obj))
	case o.Task == "endpoint":
		gs = append(gs, each("ReadModelArtifacts", []string{"s3:GetObject"}, objects, obj))
	default:
		gs = append(gs, each("ReadObjects", []string{"s3:GetObject"}, objects, obj))
	}
	if o.CapturePrefix != "" {
		var captures []string
		for _, b := range o.Buckets {
			captures = append(captures, b+"/"+o.CapturePrefix+"*")
		}
		gs = append(gs, each("WriteDataCapture", []string{"s3:PutObject"}, captures, obj))
	}
	return gs
}

// listGrant lets the task list its buckets; with prefixes, only under them
// (s3:prefix is the key prefix of the ListObjects request).
func listGrant(o Options) grant {
	if len(o.Prefixes) == 0 {
		actions := []string{"s3:ListBucket", "s3:GetBucketLocation"}
		if o.ReadOnly {
			actions = actions[:1]
		}
		return each("ListBuckets", actions, o.Buckets, same)
	}
	g := grant{sid: "ListPrefixes", actions: []string{"s3:ListBucket"}, resources: o.Buckets}
	var like []string
	for _, p := range o.Prefixes {
		like = append(like, p+"*")
		for _, b := range o.Buckets {
			g.calls = append(g.calls, Call{Action: "s3:ListBucket", Resource: b, Context: map[string][]string{"s3:prefix": {p + "2026/"}}})
		}
	}
	g.condition = map[string]map[string]iam.Values{"StringLike": {"s3:prefix": like}}
	return g
}

func secretGrants(o Options) []grant {
	if len(o.Secrets) == 0 {
		return nil
	}
	return []grant{each("ReadSecrets", []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, o.Secrets, same)}
}

func kmsGrants(o Options) []grant {
	if len(o.KMSKeys) == 0 {
		return nil
	}
	actions := []string{"kms:Decrypt", "kms:DescribeKey"}
	if o.ReadOnly {
		actions = actions[:1]
	}
	if o.writes() {
		actions = append(actions, "kms:GenerateDataKey", "kms:Encrypt")
	} else if o.CapturePrefix != "" {
		actions = append(actions, "kms:GenerateDataKey")
	}
	gs := []grant{each("UseKeys", actions, o.KMSKeys, same)}
	if (o.Task == "training" || o.Task == "processing") && !o.ReadOnly {
		// SageMaker attaches the job's encrypted volumes through a grant it
		// creates as the role; the condition keeps grants for AWS resources.
		g := each("GrantKeysToVolumes", []string{"kms:CreateGrant"}, o.KMSKeys, same)
		g.condition = map[string]map[string]iam.Values{"Bool": {"kms:GrantIsForAWSResource": {"true"}}}
		for i := range g.calls {
			g.calls[i].Context = map[string][]string{"kms:GrantIsForAWSResource": {"true"}}
		}
		gs = append(gs, g)
	}
	return gs
}

func ecrGrants(o Options) []grant {
	if len(o.ECRRepos) == 0 {
		return nil
	}
	return []grant{
		each("PullImages", []string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"}, o.ECRRepos, same),
		// GetAuthorizationToken accepts no resource: "*" is the only form.
		each("RegistryLogin", []string{"ecr:GetAuthorizationToken"}, []string{"*"}, same),
	}
}

// logGroupNames are the log groups SageMaker writes each task's logs to.
var logGroupNames = map[string]string{
	"notebook": "/aws/sagemaker/NotebookInstances", "training": "/aws/sagemaker/TrainingJobs",
	"processing": "/aws/sagemaker/ProcessingJobs", "endpoint": "/aws/sagemaker/Endpoints/*",
	"pipeline": "/aws/sagemaker/TrainingJobs",
}

func logGrants(o Options) []grant {
	groups := o.LogGroups
	if len(groups) == 0 {
		groups = []string{fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s", o.Region, o.Account, logGroupNames[o.Task])}
	}
	streams := make([]string, 0, len(groups))
	for _, g := range groups {
		streams = append(streams, g+":log-stream:*")
	}
	concrete := func(r string) string {
		r = strings.ReplaceAll(r, "logs:*:*:", "logs:us-east-1:111122223333:")
		r = strings.ReplaceAll(r, "Endpoints/*", "Endpoints/churn")
		return strings.Replace(r, "log-stream:*", "log-stream:job-1/algo-1", 1)
	}
	return []grant{
		each("LogGroups", []string{"logs:CreateLogGroup", "logs:DescribeLogStreams"}, groups, concrete),
		each("LogStreams", []string{"logs:CreateLogStream", "logs:PutLogEvents"}, streams, concrete),
	}
}

func metricGrant() grant {
	// PutMetricData has no resource to name; the namespace condition keeps
	// the role to SageMaker's own metrics.
	g := each("SageMakerMetrics", []string{"cloudwatch:PutMetricData"}, []string{"*"}, same)
	g.condition = map[string]map[string]iam.Values{"StringLike": {"cloudwatch:namespace": {"/aws/sagemaker/*"}}}
	g.calls[0].Context = map[string][]string{"cloudwatch:namespace": {"/aws/sagemaker/TrainingJobs"}}
	return g
}

func vpcGrants(o Options) []grant {
	arn := func(kind string) string { return fmt.Sprintf("arn:aws:ec2:%s:%s:%s/*", o.Region, o.Account, kind) }
	concrete := func(r string) string {
		r = strings.ReplaceAll(r, "ec2:*:*:", "ec2:us-east-1:111122223333:")
		return strings.TrimSuffix(r, "*") + "eni-0123456789abcdef0"
	}
	return []grant{
		// Describe calls accept no resource: "*" is the only form.
		each("DescribeNetwork", []string{"ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions",
			"ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"}, []string{"*"}, same),
		each("ManageNetworkInterfaces", []string{"ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
			"ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission"},
			[]string{arn("network-interface"), arn("subnet"), arn("security-group")}, concrete),
	}
}

func pipelineGrants(o Options) []grant {
	arn := func(kind string) string {
		return fmt.Sprintf("arn:aws:sagemaker:%s:%s:%s/*", o.Region, o.Account, kind)
	}
	concrete := func(r string) string {
		return strings.TrimSuffix(strings.ReplaceAll(r, "sagemaker:*:*:", "sagemaker:us-east-1:111122223333:"), "*") + "pipelines-abc123-train"
	}
	pass := each("PassJobRoles", []string{"iam:PassRole"}, o.PassRoles, same)
	pass.condition = map[string]map[string]iam.Values{"StringEquals": {"iam:PassedToService": {"sagemaker.amazonaws.com"}}}
	for i := range pass.calls {
		pass.calls[i].Context = map[string][]string{"iam:PassedToService": {"sagemaker.amazonaws.com"}}
	}
	return []grant{
		each("RunPipelineSteps", []string{"sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
			"sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob", "sagemaker:AddTags"},
			[]string{arn("training-job"), arn("processing-job")}, concrete),
		each("RegisterModels", []string{"sagemaker:CreateModel", "sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage"},
			[]string{arn("model"), arn("model-package")}, concrete),
		pass,
	}
}
