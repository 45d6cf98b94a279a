package threat

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

// Kind is what an element is in a data-flow diagram.
type Kind string

// Element kinds.
const (
	External Kind = "external-entity"
	Process  Kind = "process"
	Store    Kind = "data-store"
	Identity Kind = "identity"
)

// Classes are the element classes threats apply to.
var Classes = []string{"endpoint", "model", "notebook", "job", "compute", "function", "agent", "workload", "workspace",
	"data-store", "feature-store", "vector-store", "model-registry", "registry", "secret", "key", "log", "identity",
	"internet", "users", "callers", "accounts"}

type classKind struct {
	class string
	kind  Kind
}

// classes says what each collection of the cloud models holds, keyed by
// cloud and the model's name for the collection. Collections not listed
// (networks, policies, settings) are not elements: networks become
// boundaries, policies and settings are judged by the rules.
var classes = map[string]classKind{
	"aws.notebook_instances":           {"notebook", Process},
	"aws.domains":                      {"notebook", Process},
	"aws.models":                       {"model", Process},
	"aws.endpoint_configurations":      {"endpoint", Process},
	"aws.roles":                        {"identity", Identity},
	"aws.kms_keys":                     {"key", Store},
	"aws.buckets":                      {"data-store", Store},
	"aws.ecr_repositories":             {"registry", Store},
	"aws.log_groups":                   {"log", Store},
	"aws.secrets":                      {"secret", Store},
	"aws.feature_groups":               {"feature-store", Store},
	"aws.workforces":                   {"users", External},
	"aws.model_package_group_policies": {"model-registry", Store},
	"aws.bedrock_agents":               {"agent", Process},
	"aws.bedrock_custom_models":        {"model", Process},
	"aws.pipelines":                    {"job", Process},
	"aws.monitoring_jobs":              {"job", Process},
	"aws.trails":                       {"log", Store},
	"aws.ecs_task_definitions":         {"workload", Process},
	"aws.lambda_functions":             {"function", Process},
	"aws.bedrock_data_sources":         {"vector-store", Store},
	"aws.flow_definitions":             {"job", Process},
	"aws.mlflow_tracking_servers":      {"job", Process},
	"gcp.notebooks":                    {"notebook", Process},
	"gcp.vertex_endpoints":             {"endpoint", Process},
	"gcp.vertex_encrypted_resources":   {"data-store", Store},
	"gcp.reasoning_engines":            {"agent", Process},
	"gcp.model_garden_deployments":     {"endpoint", Process},
	"gcp.buckets":                      {"data-store", Store},
	"gcp.crypto_keys":                  {"key", Store},
	"azure.ml_workspaces":              {"workspace", Process},
	"azure.ml_computes":                {"compute", Process},
	"azure.ml_datastores":              {"data-store", Store},
	"azure.ml_connections":             {"secret", Store},
	"azure.ml_online_endpoints":        {"endpoint", Process},
	"azure.ml_online_deployments":      {"model", Process},
	"azure.ai_accounts":                {"endpoint", Process},
	"azure.storage_accounts":           {"data-store", Store},
	"azure.key_vaults":                 {"key", Store},
	"azure.container_registries":       {"registry", Store},
	"kubernetes.workloads":             {"workload", Process},
	"kubernetes.inference_services":    {"endpoint", Process},
	"kubernetes.seldon_deployments":    {"endpoint", Process},
	"kubernetes.ray_clusters":          {"job", Process},
	"kubernetes.secrets":               {"secret", Store},
	"kubernetes.service_accounts":      {"identity", Identity},
}

// Element is a node of the data-flow diagram.
type Element struct {
	ID       string `json:"id"`
	Name     string `json:"name"` // the resource address, or the entity's name
	Type     string `json:"type,omitempty"`
	Kind     Kind   `json:"kind"`
	Class    string `json:"class"`
	Cloud    string `json:"cloud,omitempty"`
	Unit     string `json:"unit,omitempty"` // the root module, template or manifest it was read from
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Boundary string `json:"boundary"` // the innermost trust boundary holding it
	// Threats are the catalogue's threats on this element, with their status.
	Threats []Assessment `json:"threats"`
}

// Flow is an edge of the diagram: data or control going from one element
// to another.
type Flow struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
	// Attack is set when the flow is on an attack path.
	Attack bool `json:"attack_path,omitempty"`
}

// Boundary is a trust boundary: an account, project or subscription, a
// VPC, a Kubernetes namespace, or the internet.
type Boundary struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"` // account, vpc, cluster, namespace, internet
	Parent string `json:"parent,omitempty"`
}

// Unit is what one scanned unit holds: its name and its models.
type Unit struct {
	Name  string
	Input *rule.Input
}

// Units collects the units a scan reads; Add is a scan.Options.OnInput,
// which the scan calls from several goroutines.
type Units struct {
	mu    sync.Mutex
	units []Unit
}

// Add records one unit.
func (us *Units) Add(name string, in *rule.Input) {
	us.mu.Lock()
	defer us.mu.Unlock()
	us.units = append(us.units, Unit{Name: name, Input: in})
}

// List returns the units collected, ordered by name.
func (us *Units) List() []Unit {
	us.mu.Lock()
	defer us.mu.Unlock()
	out := slices.Clone(us.units)
	slices.SortFunc(out, func(a, b Unit) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// builder gathers the diagram.
type builder struct {
	m          *Model
	byAddr     map[string]*Element // unit + "\x00" + address
	boundaries map[string]*Boundary
	flows      map[[3]string]bool
}

func (b *builder) element(e *Element) *Element {
	e.ID = fmt.Sprintf("e%d", len(b.m.Elements)+1)
	b.m.Elements = append(b.m.Elements, e)
	return e
}

func (b *builder) boundary(id, name, kind, parent string) string {
	if _, ok := b.boundaries[id]; !ok {
		bd := &Boundary{ID: id, Name: name, Kind: kind, Parent: parent}
		b.boundaries[id] = bd
		b.m.Boundaries = append(b.m.Boundaries, bd)
	}
	return id
}

func (b *builder) flow(from, to, label string) {
	k := [3]string{from, to, label}
	if from == to || b.flows[k] {
		return
	}
	b.flows[k] = true
	b.m.Flows = append(b.m.Flows, &Flow{From: from, To: to, Label: label})
}

var cloudNames = map[string]string{"aws": "AWS account", "gcp": "Google Cloud project", "azure": "Azure subscription", "kubernetes": "Kubernetes cluster"}

// elements adds the elements of one unit, each in its cloud's boundary
// (and its VPC or namespace), and the flows of their links.
func (b *builder) elements(u Unit) {
	models := map[string]any{"aws": u.Input.AWS, "gcp": u.Input.GCP, "azure": u.Input.Azure, "kubernetes": u.Input.Kubernetes}
	for _, cloud := range []string{"aws", "gcp", "azure", "kubernetes"} {
		m := models[cloud]
		for _, c := range model.Collections(m) {
			ck, ok := classes[cloud+"."+c.Name]
			if !ok {
				continue
			}
			for _, r := range c.Resources {
				if b.byAddr[u.Name+"\x00"+r.Address] != nil {
					continue // one object, several pod templates: one element
				}
				account := b.account(u, cloud)
				e := b.element(&Element{Name: r.Address, Type: r.Type, Kind: ck.kind, Class: ck.class, Cloud: cloud, Unit: u.Name,
					File: r.Range.File, Line: r.Range.StartLine, Boundary: account})
				if cloud == "kubernetes" {
					if ns := namespaceOf(r.Address); ns != "" {
						e.Boundary = b.boundary(account+"/ns/"+ns, "namespace "+ns, "namespace", account)
					}
				}
				b.byAddr[u.Name+"\x00"+r.Address] = e
			}
		}
	}
	b.trusts(u)
	vpcs := vpcMembership(u.Input.AWS)
	for _, cloud := range []string{"aws", "gcp", "azure", "kubernetes"} {
		for _, l := range model.Links(models[cloud]) {
			from := b.byAddr[u.Name+"\x00"+l.From.Address]
			if from == nil {
				continue
			}
			last := l.Attribute[strings.LastIndex(l.Attribute, ".")+1:]
			if cloud == "aws" && (last == "subnet" || last == "subnets" || last == "vpc") {
				b.placeInVPC(u, from, l.To, vpcs)
				continue
			}
			if cloud == "azure" && last == "subnet" {
				b.placeInVNet(u, from, l)
				continue
			}
			for _, t := range l.To {
				to := b.byAddr[u.Name+"\x00"+t]
				if to == nil {
					continue
				}
				verb, reverse := verbOf(l.Attribute, to.Kind, to.Class)
				if reverse {
					b.flow(to.ID, from.ID, verb)
				} else {
					b.flow(from.ID, to.ID, verb)
				}
			}
		}
	}
}

// placeInVPC puts an element linked to subnets or a VPC in that VPC's
// boundary, and in a public subnet's when one of its subnets routes to an
// internet gateway (a route not known to do so is not taken for private).
func (b *builder) placeInVPC(u Unit, e *Element, targets []string, vpcs map[string]string) {
	account := b.account(u, "aws")
	for _, t := range targets {
		v := vpcs[t]
		if v == "" {
			continue
		}
		vpc := b.boundary(account+"/vpc/"+v, "VPC "+v, "vpc", account)
		if !strings.HasPrefix(e.Boundary, vpc+"/public") {
			e.Boundary = vpc
		}
		for _, s := range u.Input.AWS.SubnetsOf(t) {
			if _, public := u.Input.AWS.PublicRoute(s); public {
				e.Boundary = b.boundary(vpc+"/public", "public subnets of "+v, "public-subnet", vpc)
				return
			}
		}
	}
}

// accountID is the account of an AWS principal: an account ID, or the one in
// an ARN.
var accountID = regexp.MustCompile(`^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::|$)`)

// trusts adds, for each role whose trust policy lets principals of a named
// AWS account assume it, that account as an external entity (it may be
// this one: the scan does not know which account it deploys to). Anyone
// ("*") is the internet, by its finding (AWS-IAM-006).
func (b *builder) trusts(u Unit) {
	for _, r := range u.Input.AWS.Roles {
		role := b.byAddr[u.Name+"\x00"+r.Address]
		if role == nil || r.TrustPolicy.Document == nil {
			continue
		}
		for _, st := range r.TrustPolicy.Document.Statements {
			if !strings.EqualFold(st.Effect, "Allow") || st.Principal == nil {
				continue
			}
			for _, p := range st.Principal.IDs["AWS"] {
				m := accountID.FindStringSubmatch(p)
				if m == nil {
					continue // a placeholder, or "*"
				}
				id := "account:" + m[1]
				acct := b.byAddr[id]
				if acct == nil {
					acct = b.element(&Element{Name: "AWS account " + m[1], Kind: External, Class: "accounts",
						Boundary: b.boundary("accounts", "Accounts named in trust policies", "external", "")})
					b.byAddr[id] = acct
				}
				b.flow(acct.ID, role.ID, "may assume (trust policy)")
			}
		}
	}
}

// vnetOf reads the virtual network of an Azure subnet ID.
var vnetOf = regexp.MustCompile(`(?i)/virtualNetworks/([^/]+)/subnets/`)

// placeInVNet puts an Azure element placed in a subnet in the boundary of
// the subnet's virtual network, named by the subnet ID, or by the subnet
// resource it links to when the ID is known only after apply.
func (b *builder) placeInVNet(u Unit, e *Element, l model.Link) {
	account := b.account(u, "azure")
	var name string
	switch m := vnetOf.FindStringSubmatch(l.Value); {
	case m != nil:
		name = "VNet " + m[1]
	case len(l.To) > 0:
		name = "virtual network of " + l.To[0]
	default:
		return
	}
	e.Boundary = b.boundary(account+"/vnet/"+name, name, "vnet", account)
}

// account is the boundary of a unit's account, project, subscription or
// cluster.
func (b *builder) account(u Unit, cloud string) string {
	kind := "account"
	if cloud == "kubernetes" {
		kind = "cluster"
	}
	return b.boundary(u.Name+"/"+cloud, cloudNames[cloud]+" ("+u.Name+")", kind, "")
}

// namespaceOf reads the namespace of a Kubernetes address (Kind/namespace/name).
func namespaceOf(addr string) string {
	parts := strings.Split(addr, "/")
	if len(parts) == 3 {
		return parts[1]
	}
	return ""
}

// vpcMembership maps VPC and subnet addresses to the VPC they are in.
func vpcMembership(m *aws.Model) map[string]string {
	out := map[string]string{}
	for _, v := range m.VPCs {
		out[v.Address] = v.Address
	}
	for _, s := range m.Subnets {
		if len(s.VPC.Targets) > 0 {
			out[s.Address] = s.VPC.Targets[0]
		}
	}
	return out
}

// Flow verbs an intruder in a process follows (see attackPaths).
const (
	verbAssumes  = "assumes"
	verbPulls    = "pulls"
	verbEncrypts = "encrypts with"
	verbUses     = "uses keys and secrets of"
	verbWrites   = "writes"
	verbReads    = "reads"
)

// verbOf names a link as a flow. reverse is set when data moves from the
// target to the resource: a model reads its artifact from a bucket. A link
// that is none of these (a compute to its workspace, a deployment to its
// endpoint) keeps the attribute's name and is not followed by attack paths.
func verbOf(attr string, to Kind, toClass string) (verb string, reverse bool) {
	last := attr[strings.LastIndex(attr, ".")+1:]
	switch {
	case to == Identity || strings.Contains(last, "role") || last == "service_account":
		return verbAssumes, false
	case toClass == "registry":
		return verbPulls, true
	case toClass == "key" && (strings.Contains(attr, "kms") || strings.Contains(attr, "encryption") || strings.Contains(attr, "cmk") ||
		strings.Contains(attr, "customer_managed_key") || strings.Contains(attr, "key_vault_key")):
		return verbEncrypts, false
	case toClass == "key":
		return verbUses, false
	case strings.Contains(attr, "output") || last == "destination" || strings.Contains(attr, "data_capture") || last == "log_group" ||
		strings.Contains(attr, "offline_store") || strings.Contains(last, "artifact_store"):
		return verbWrites, false
	case to == Store:
		return verbReads, true
	}
	return strings.ReplaceAll(last, "_", " "), false
}

// externals adds the people and programs outside the platform: users of
// notebooks, applications that call endpoints, and the internet where a
// finding says an element is reachable from it.
func (b *builder) externals(findings map[string][]rule.Finding, exposure []string) {
	var users, callers, internet *Element
	for _, e := range slices.Clone(b.m.Elements) {
		switch e.Class {
		case "notebook", "workspace":
			if users == nil {
				users = b.element(&Element{Name: "Data scientists", Kind: External, Class: "users", Boundary: b.boundary("people", "People and applications", "external", "")})
			}
			b.flow(users.ID, e.ID, "use")
		case "endpoint":
			if callers == nil {
				callers = b.element(&Element{Name: "Calling applications", Kind: External, Class: "callers", Boundary: b.boundary("people", "People and applications", "external", "")})
			}
			b.flow(callers.ID, e.ID, "invoke")
		}
		var by []string
		for _, f := range findings[e.ID] {
			if slices.Contains(exposure, f.RuleID) && !slices.Contains(by, f.RuleID) {
				by = append(by, f.RuleID)
			}
		}
		if len(by) > 0 {
			if internet == nil {
				internet = b.element(&Element{Name: "The internet", Kind: External, Class: "internet", Boundary: b.boundary("internet", "The internet", "internet", "")})
			}
			slices.Sort(by)
			b.flow(internet.ID, e.ID, "reaches ("+strings.Join(by, ", ")+")")
		}
	}
}
