// Package aws is the typed model of the AWS resources mlguard reasons about:
// SageMaker, the IAM that ML identities carry, and the network and keys they
// stand on. Adapters fill it from Terraform (HCL and plan JSON) and, later,
// other formats; rules read it and never see the source format.
package aws

import (
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/source"
)

// Model is every AWS resource of one scan.
type Model struct {
	NotebookInstances []*NotebookInstance      `json:"notebook_instances,omitempty"`
	Domains           []*Domain                `json:"domains,omitempty"`
	Models            []*SageMakerModel        `json:"models,omitempty"`
	EndpointConfigs   []*EndpointConfig        `json:"endpoint_configurations,omitempty"`
	Roles             []*Role                  `json:"roles,omitempty"`
	Identities        []*Identity              `json:"users_and_groups,omitempty"`
	Policies          []*Policy                `json:"policies,omitempty"`
	VPCs              []*VPC                   `json:"vpcs,omitempty"`
	Subnets           []*Subnet                `json:"subnets,omitempty"`
	RouteTables       []*RouteTable            `json:"route_tables,omitempty"`
	Associations      []*RouteTableAssociation `json:"route_table_associations,omitempty"`
	InternetGateways  []*InternetGateway       `json:"internet_gateways,omitempty"`
	KMSKeys           []*KMSKey                `json:"kms_keys,omitempty"`
	Buckets           []*Bucket                `json:"buckets,omitempty"`
	Repositories      []*Repository            `json:"ecr_repositories,omitempty"`
	// RegistryScanning is set when the scan configures registry-wide image
	// scanning, which replaces each repository's scan-on-push setting.
	RegistryScanning bool             `json:"registry_scanning,omitempty"`
	LogGroups        []*LogGroup      `json:"log_groups,omitempty"`
	Secrets          []*Secret        `json:"secrets,omitempty"`
	Topics           []*Topic         `json:"sns_topics,omitempty"`
	Queues           []*Queue         `json:"sqs_queues,omitempty"`
	SearchDomains    []*SearchDomain  `json:"search_domains,omitempty"`
	SecurityGroups   []*SecurityGroup `json:"security_groups,omitempty"`

	LifecycleConfigs          []*LifecycleConfig         `json:"notebook_lifecycle_configs,omitempty"`
	CodeRepositories          []*CodeRepository          `json:"code_repositories,omitempty"`
	FeatureGroups             []*FeatureGroup            `json:"feature_groups,omitempty"`
	Workforces                []*Workforce               `json:"workforces,omitempty"`
	ModelPackageGroups        []*ModelPackageGroup       `json:"model_package_groups,omitempty"`
	ModelPackageGroupPolicies []*ModelPackageGroupPolicy `json:"model_package_group_policies,omitempty"`
	// DetachedPolicies are separate resource policies (of a bucket,
	// repository, secret, topic, queue or search domain) whose target is not
	// a resource of the code: each is judged on its own, named by the
	// resource that declares it.
	DetachedPolicies   []PolicyDocument     `json:"detached_policies,omitempty"`
	Endpoints          []*Endpoint          `json:"endpoints,omitempty"`
	Agents             []*Agent             `json:"bedrock_agents,omitempty"`
	ActionGroups       []*AgentActionGroup  `json:"bedrock_agent_action_groups,omitempty"`
	CustomModels       []*CustomModel       `json:"bedrock_custom_models,omitempty"`
	Guardrails         []*Guardrail         `json:"bedrock_guardrails,omitempty"`
	Pipelines          []*Pipeline          `json:"pipelines,omitempty"`
	MonitoringJobs     []*MonitoringJob     `json:"monitoring_jobs,omitempty"`
	Trails             []*Trail             `json:"trails,omitempty"`
	VPCEndpoints       []*VPCEndpoint       `json:"vpc_endpoints,omitempty"`
	TaskDefinitions    []*TaskDefinition    `json:"ecs_task_definitions,omitempty"`
	Functions          []*Function          `json:"lambda_functions,omitempty"`
	UserProfiles       []*UserProfile       `json:"user_profiles,omitempty"`
	DataSources        []*DataSource        `json:"bedrock_data_sources,omitempty"`
	FlowDefinitions    []*FlowDefinition    `json:"flow_definitions,omitempty"`
	MLflowServers      []*MLflowServer      `json:"mlflow_tracking_servers,omitempty"`
	HyperPodClusters   []*HyperPodCluster   `json:"hyperpod_clusters,omitempty"`
	InvocationLogging  []*InvocationLogging `json:"bedrock_invocation_logging,omitempty"`
	PolicyFiles        []*PolicyFile        `json:"policy_files,omitempty"`
	OrgPolicies        []*OrgPolicy         `json:"organization_policies,omitempty"`
	ServerlessPolicies []*ServerlessPolicy  `json:"opensearch_serverless_policies,omitempty"`

	// Region is where the resources are deployed, when the source says
	// (a Terraform root module's aws provider region written out).
	Region string `json:"region,omitempty"`

	byAddress map[string]any
}

// Index builds the address lookup used to follow links. Adapters call it once
// the model is complete.
func (m *Model) Index() {
	m.byAddress = map[string]any{}
	add := func(addr string, v any) { m.byAddress[addr] = v }
	for _, r := range m.Roles {
		add(r.Address, r)
	}
	for _, r := range m.Policies {
		add(r.Address, r)
	}
	for _, r := range m.Identities {
		add(r.Address, r)
	}
	for _, r := range m.VPCs {
		add(r.Address, r)
	}
	for _, r := range m.Subnets {
		add(r.Address, r)
	}
	for _, r := range m.RouteTables {
		add(r.Address, r)
	}
	for _, r := range m.InternetGateways {
		add(r.Address, r)
	}
	for _, r := range m.KMSKeys {
		add(r.Address, r)
	}
	for _, r := range m.Buckets {
		add(r.Address, r)
	}
	for _, r := range m.SecurityGroups {
		add(r.Address, r)
	}
	for _, r := range m.LifecycleConfigs {
		add(r.Address, r)
	}
}

// lookup returns the resources a link target names: the instance itself, or
// every instance of a resource linked without an index (aws_subnet.a[count.index]).
func lookup[T any](m *Model, target string) []T {
	if v, ok := m.byAddress[target].(T); ok {
		return []T{v}
	}
	var out []T
	for addr, v := range m.byAddress {
		if t, ok := v.(T); ok && strings.HasPrefix(addr, target+"[") {
			out = append(out, t)
		}
	}
	return out
}

// Role returns the IAM role a link target names, if it is one role.
func (m *Model) Role(target string) *Role {
	if rs := lookup[*Role](m, target); len(rs) == 1 {
		return rs[0]
	}
	return nil
}

// RoleNamed returns the role of the scan with the given name, if exactly one.
func (m *Model) RoleNamed(name string) *Role {
	var found *Role
	for _, r := range m.Roles {
		if r.Name.Is(name) {
			if found != nil {
				return nil
			}
			found = r
		}
	}
	return found
}

// Policy returns the customer managed policy a link target names.
func (m *Model) Policy(target string) *Policy {
	if ps := lookup[*Policy](m, target); len(ps) == 1 {
		return ps[0]
	}
	return nil
}

// Subnets returns the subnets a link target names.
func (m *Model) SubnetsOf(target string) []*Subnet { return lookup[*Subnet](m, target) }

// IsInternetGateway reports whether a gateway reference is an internet gateway:
// a link to aws_internet_gateway, or a literal igw- ID.
func (m *Model) IsInternetGateway(r model.Ref) (string, bool) {
	for _, t := range r.Targets {
		if igw := lookup[*InternetGateway](m, t); len(igw) > 0 {
			return igw[0].Address, true
		}
	}
	if strings.HasPrefix(r.Value, "igw-") {
		return r.Value, true
	}
	return "", false
}

// PolicyDocument is a policy attached to something, with its provenance.
type PolicyDocument struct {
	model.Meta
	Name     string         `json:"name,omitempty"`
	Source   model.Resource `json:"source"`             // the resource that declares it
	Document *iam.Policy    `json:"document,omitempty"` // nil when unknown or unreadable
	// Statements are the line ranges of the document's statements, when the
	// source tells them (a policy file); reports then point at a statement.
	Statements []source.Range `json:"statement_ranges,omitempty"`
}

// PolicyFile is a policy document kept as a file of its own, judged by
// `mlguard iam analyze` for what it grants.
type PolicyFile struct {
	model.Resource
	// Kind is identity, resource or trust: a document whose statements name
	// principals is a resource policy, or a trust policy when it only
	// allows assuming a role.
	Kind     string         `json:"kind"`
	Document PolicyDocument `json:"document"`
}

// ManagedPolicy is a managed policy attached to a role.
type ManagedPolicy struct {
	ARN    model.Ref      `json:"arn"`    // literal ARN, or a link to aws_iam_policy
	Source model.Resource `json:"source"` // the role, or the attachment resource
}

// Role is an IAM role.
type Role struct {
	model.Resource
	Name            model.String     `json:"name"`
	TrustPolicy     PolicyDocument   `json:"trust_policy"`
	ManagedPolicies []ManagedPolicy  `json:"managed_policies,omitempty"`
	InlinePolicies  []PolicyDocument `json:"inline_policies,omitempty"`
	UsedBy          []string         `json:"used_by,omitempty"` // ML resources that run as this role
	// Boundary is the permissions boundary: a managed policy's ARN or a
	// link to aws_iam_policy; absent when the role has none.
	Boundary model.Ref `json:"permissions_boundary"`
}

// Identity is an IAM user or group: a principal people act as, with
// policies and no trust policy.
type Identity struct {
	model.Resource
	Kind            string           `json:"kind"` // user or group
	Name            model.String     `json:"name"`
	ManagedPolicies []ManagedPolicy  `json:"managed_policies,omitempty"`
	InlinePolicies  []PolicyDocument `json:"inline_policies,omitempty"`
	Boundary        model.Ref        `json:"permissions_boundary"` // users only
}

// IdentityOf returns the user or group a reference names: by link, or by
// name (and kind) when it is written out.
func (m *Model) IdentityOf(r model.Ref, kind string) *Identity {
	for _, t := range r.Targets {
		if ids := lookup[*Identity](m, t); len(ids) == 1 && ids[0].Kind == kind {
			return ids[0]
		}
	}
	if r.Unknown || r.Value == "" {
		return nil
	}
	name := r.Value
	if i := strings.LastIndex(name, "/"); strings.HasPrefix(name, "arn:") && i >= 0 {
		name = name[i+1:]
	}
	var found *Identity
	for _, id := range m.Identities {
		if id.Kind == kind && id.Name.Is(name) {
			if found != nil {
				return nil
			}
			found = id
		}
	}
	return found
}

// Policy is a customer managed policy (aws_iam_policy).
type Policy struct {
	model.Resource
	Name     model.String   `json:"name"`
	Document PolicyDocument `json:"document"`
}

// MLServicePrincipals are the services whose roles are ML execution roles.
var MLServicePrincipals = []string{"sagemaker.amazonaws.com", "bedrock.amazonaws.com"}

// MLReason says why a role is an ML execution role: the ML service that may
// assume it, or the ML resources that run as it. It is "" for other roles.
func (r *Role) MLReason() string {
	var svcs []string
	for _, s := range r.TrustPolicy.Document.ServicePrincipals() {
		for _, ml := range MLServicePrincipals {
			if strings.EqualFold(s, ml) {
				svcs = append(svcs, s)
			}
		}
	}
	var parts []string
	if len(svcs) > 0 {
		parts = append(parts, "assumed by "+strings.Join(svcs, ", "))
	}
	if len(r.UsedBy) > 0 {
		used := append([]string(nil), r.UsedBy...)
		sort.Strings(used)
		parts = append(parts, "used by "+strings.Join(used, ", "))
	}
	return strings.Join(parts, " and ")
}

// OrgPolicy is an AWS Organizations policy: a service control policy
// (SERVICE_CONTROL_POLICY, the provider's default type) or a resource
// control policy (RESOURCE_CONTROL_POLICY), and the roots, units and
// accounts it is attached to.
type OrgPolicy struct {
	model.Resource
	Name     model.String   `json:"name"`
	Type     model.String   `json:"type"`
	Document PolicyDocument `json:"document"`
	// Targets are the IDs (r-…, ou-…, account IDs) or links to the
	// organization's resources the policy is attached to.
	Targets []model.Ref `json:"targets,omitempty"`
}

// ResourcePolicies are the policies attached to one resource, named for
// messages (bucket policy, key policy, ...).
type ResourcePolicies struct {
	Resource model.Resource
	What     string
	Docs     []PolicyDocument
}

// Detached lists the detached policies of one kind, by the name their
// documents carry ("bucket policy", "repository policy").
func (m *Model) Detached(name string) []PolicyDocument {
	var out []PolicyDocument
	for _, d := range m.DetachedPolicies {
		if d.Name == name {
			out = append(out, d)
		}
	}
	return out
}

// ResourcePolicies lists the resource-based policies of the model: those of
// buckets, keys, repositories, secrets and model registry groups, in that
// order. Trust policies are the roles'.
func (m *Model) ResourcePolicies() []ResourcePolicies {
	var out []ResourcePolicies
	for _, b := range m.Buckets {
		out = append(out, ResourcePolicies{b.Resource, "bucket policy", b.Policies})
	}
	for _, k := range m.KMSKeys {
		out = append(out, ResourcePolicies{k.Resource, "key policy", []PolicyDocument{k.Policy}})
	}
	for _, r := range m.Repositories {
		out = append(out, ResourcePolicies{r.Resource, "repository policy", r.Policies})
	}
	for _, s := range m.Secrets {
		out = append(out, ResourcePolicies{s.Resource, "resource policy", s.Policies})
	}
	for _, g := range m.ModelPackageGroupPolicies {
		out = append(out, ResourcePolicies{g.Resource, "model package group policy", []PolicyDocument{g.Policy}})
	}
	for _, t := range m.Topics {
		out = append(out, ResourcePolicies{t.Resource, "topic policy", t.Policies})
	}
	for _, q := range m.Queues {
		out = append(out, ResourcePolicies{q.Resource, "queue policy", q.Policies})
	}
	for _, d := range m.SearchDomains {
		out = append(out, ResourcePolicies{d.Resource, "domain access policy", d.Policies})
	}
	for _, d := range m.DetachedPolicies {
		out = append(out, ResourcePolicies{d.Source, d.Name, []PolicyDocument{d}})
	}
	return out
}
