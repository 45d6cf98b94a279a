package aws

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// document reads a policy JSON attribute. A policy that is unknown, or that is
// not valid JSON, has no Document and so never produces a finding.
func document(b *terraform.Block, attr, name string, source model.Resource) aws.PolicyDocument {
	a := b.Attr(attr)
	pd := aws.PolicyDocument{Meta: tfattr.MetaOf(b, a), Name: name, Source: source}
	if !pd.Explicit || pd.Unknown {
		return pd
	}
	s := tfattr.Str(b, attr, "")
	if p, err := iam.Parse([]byte(s.Value)); err == nil {
		pd.Document = p
	}
	return pd
}

func (a *adapter) role(d *terraform.Resource, res model.Resource) {
	b := d.Body
	r := &aws.Role{Resource: res, Name: tfattr.Str(b, "name", ""), TrustPolicy: document(b, "assume_role_policy", "trust", res),
		Boundary: tfattr.Ref(b, "permissions_boundary")}
	if !r.Name.Explicit {
		r.Name.Unknown = true // Terraform generates a unique name
	}
	for _, arn := range tfattr.Refs(b, "managed_policy_arns").Items {
		r.ManagedPolicies = append(r.ManagedPolicies, aws.ManagedPolicy{ARN: arn, Source: res})
	}
	for _, ib := range b.Nested("inline_policy") {
		name := tfattr.Str(ib, "name", "")
		r.InlinePolicies = append(r.InlinePolicies, document(ib, "policy", name.Value, res))
	}
	a.m.Roles = append(a.m.Roles, r)
}

func (a *adapter) policy(d *terraform.Resource, res model.Resource) {
	b := d.Body
	p := &aws.Policy{Resource: res, Name: tfattr.Str(b, "name", "")}
	p.Document = document(b, "policy", p.Name.Value, res)
	a.m.Policies = append(a.m.Policies, p)
}

func (a *adapter) rolePolicyAttachment(d *terraform.Resource, res model.Resource) {
	a.attachments = append(a.attachments, attachment{roles: []model.Ref{tfattr.Ref(d.Body, "role")}, policy: tfattr.Ref(d.Body, "policy_arn"), source: res})
}

func (a *adapter) policyAttachment(d *terraform.Resource, res model.Resource) {
	a.attachments = append(a.attachments, attachment{roles: tfattr.Refs(d.Body, "roles").Items, users: tfattr.Refs(d.Body, "users").Items,
		groups: tfattr.Refs(d.Body, "groups").Items, policy: tfattr.Ref(d.Body, "policy_arn"), source: res})
}

func (a *adapter) user(d *terraform.Resource, res model.Resource) { a.identity(d, res, "user") }

func (a *adapter) group(d *terraform.Resource, res model.Resource) { a.identity(d, res, "group") }

// identity reads a user or group. The provider attaches their policies with
// separate resources; CloudFormation embeds them, and its adapter passes them
// under the role's attribute names (inline_policy, managed_policy_arns).
func (a *adapter) identity(d *terraform.Resource, res model.Resource, kind string) {
	b := d.Body
	id := &aws.Identity{Resource: res, Kind: kind, Name: tfattr.Str(b, "name", "")}
	if kind == "user" {
		id.Boundary = tfattr.Ref(b, "permissions_boundary")
	}
	if !id.Name.Explicit {
		id.Name.Unknown = true
	}
	for _, arn := range tfattr.Refs(b, "managed_policy_arns").Items {
		id.ManagedPolicies = append(id.ManagedPolicies, aws.ManagedPolicy{ARN: arn, Source: res})
	}
	for _, ib := range b.Nested("inline_policy") {
		name := tfattr.Str(ib, "name", "")
		id.InlinePolicies = append(id.InlinePolicies, document(ib, "policy", name.Value, res))
	}
	a.m.Identities = append(a.m.Identities, id)
}

func (a *adapter) userPolicy(d *terraform.Resource, res model.Resource) {
	name := tfattr.Str(d.Body, "name", "")
	a.inline = append(a.inline, inlinePolicy{user: tfattr.Ref(d.Body, "user"), doc: document(d.Body, "policy", name.Value, res)})
}

func (a *adapter) groupPolicy(d *terraform.Resource, res model.Resource) {
	name := tfattr.Str(d.Body, "name", "")
	a.inline = append(a.inline, inlinePolicy{group: tfattr.Ref(d.Body, "group"), doc: document(d.Body, "policy", name.Value, res)})
}

func (a *adapter) userPolicyAttachment(d *terraform.Resource, res model.Resource) {
	a.attachments = append(a.attachments, attachment{users: []model.Ref{tfattr.Ref(d.Body, "user")}, policy: tfattr.Ref(d.Body, "policy_arn"), source: res})
}

func (a *adapter) groupPolicyAttachment(d *terraform.Resource, res model.Resource) {
	a.attachments = append(a.attachments, attachment{groups: []model.Ref{tfattr.Ref(d.Body, "group")}, policy: tfattr.Ref(d.Body, "policy_arn"), source: res})
}

func (a *adapter) exclusiveAttachments(d *terraform.Resource, res model.Resource) {
	role := tfattr.Ref(d.Body, "role_name")
	for _, arn := range tfattr.Refs(d.Body, "policy_arns").Items {
		a.attachments = append(a.attachments, attachment{roles: []model.Ref{role}, policy: arn, source: res})
	}
}

func (a *adapter) rolePolicy(d *terraform.Resource, res model.Resource) {
	name := tfattr.Str(d.Body, "name", "")
	a.inline = append(a.inline, inlinePolicy{role: tfattr.Ref(d.Body, "role"), doc: document(d.Body, "policy", name.Value, res)})
}

// orgPolicy reads aws_organizations_policy; its attachments are separate
// resources in Terraform (target_ids in CloudFormation).
func (a *adapter) orgPolicy(d *terraform.Resource, res model.Resource) {
	b := d.Body
	p := &aws.OrgPolicy{Resource: res, Name: tfattr.Str(b, "name", ""),
		// The provider's default type is SERVICE_CONTROL_POLICY.
		Type: tfattr.Str(b, "type", "SERVICE_CONTROL_POLICY")}
	p.Document = document(b, "content", p.Name.Value, res)
	p.Targets = tfattr.Refs(b, "target_ids").Items
	a.m.OrgPolicies = append(a.m.OrgPolicies, p)
}

func (a *adapter) orgPolicyAttachment(d *terraform.Resource, res model.Resource) {
	a.orgAttachments = append(a.orgAttachments, orgAttachment{policy: tfattr.Ref(d.Body, "policy_id"), target: tfattr.Ref(d.Body, "target_id")})
}

// orgAttachment is an aws_organizations_policy_attachment.
type orgAttachment struct{ policy, target model.Ref }

// linkOrgPolicies gives each organization policy the targets its
// attachments name, by link or by the policy's ID when written out.
func (a *adapter) linkOrgPolicies() {
	for _, at := range a.orgAttachments {
		for _, p := range a.m.OrgPolicies {
			if slices.Contains(at.policy.Targets, p.Address) {
				p.Targets = append(p.Targets, at.target)
			}
		}
	}
}

// roleOf finds the role a reference names: by link, by name, or by ARN.
func (a *adapter) roleOf(r model.Ref) *aws.Role {
	for _, t := range r.Targets {
		if role := a.m.Role(t); role != nil {
			return role
		}
	}
	if r.Unknown || r.Value == "" {
		return nil
	}
	name := r.Value
	if strings.HasPrefix(name, "arn:") {
		if i := strings.LastIndex(name, "/"); i >= 0 {
			name = name[i+1:]
		}
	}
	return a.m.RoleNamed(name)
}

// link resolves what refers to what once every resource is in the model.
func (a *adapter) link() {
	for _, at := range a.attachments {
		mp := aws.ManagedPolicy{ARN: at.policy, Source: at.source}
		for _, rr := range at.roles {
			if role := a.roleOf(rr); role != nil {
				role.ManagedPolicies = append(role.ManagedPolicies, mp)
			}
		}
		for kind, rs := range map[string][]model.Ref{"user": at.users, "group": at.groups} {
			for _, r := range rs {
				if id := a.m.IdentityOf(r, kind); id != nil {
					id.ManagedPolicies = append(id.ManagedPolicies, mp)
				}
			}
		}
	}
	for _, ip := range a.inline {
		if role := a.roleOf(ip.role); role != nil {
			role.InlinePolicies = append(role.InlinePolicies, ip.doc)
		}
		if id := a.m.IdentityOf(ip.user, "user"); id != nil {
			id.InlinePolicies = append(id.InlinePolicies, ip.doc)
		}
		if id := a.m.IdentityOf(ip.group, "group"); id != nil {
			id.InlinePolicies = append(id.InlinePolicies, ip.doc)
		}
	}
	use := func(r model.Ref, user string) {
		if role := a.roleOf(r); role != nil {
			role.UsedBy = sortedUnique(append(role.UsedBy, user))
		}
	}
	for _, n := range a.m.NotebookInstances {
		use(n.Role, n.Address)
	}
	for _, sm := range a.m.Models {
		use(sm.ExecutionRole, sm.Address)
	}
	for _, dom := range a.m.Domains {
		for _, r := range dom.ExecutionRoles {
			use(r, dom.Address)
		}
	}
	for _, ag := range a.m.Agents {
		use(ag.Role, ag.Address)
	}
	// A Lambda function an agent's action group calls acts for the agent:
	// its role is the agent's hands.
	for _, g := range a.m.ActionGroups {
		if f := a.functionOf(g.Lambda); f != nil {
			use(f.Role, g.Address+" (through "+f.Address+")")
		}
	}
	for _, cm := range a.m.CustomModels {
		use(cm.Role, cm.Address)
	}
	for _, p := range a.m.Pipelines {
		use(p.Role, p.Address)
	}
	for _, up := range a.m.UserProfiles {
		use(up.ExecutionRole, up.Address)
	}
	for _, fd := range a.m.FlowDefinitions {
		use(fd.Role, fd.Address)
	}
	for _, s := range a.m.MLflowServers {
		use(s.Role, s.Address)
	}
	for _, c := range a.m.HyperPodClusters {
		for _, g := range c.Groups {
			use(g.Role, c.Address)
		}
	}
	a.linkOrgPolicies()
	a.linkNetwork()
	a.linkSecurityGroups()
	a.linkBuckets()
	a.linkRepositories()
	a.linkSecrets()
	a.linkPolicyAttachments()
	a.linkLogGroups()
}

// linkLogGroups marks the log groups Bedrock invocation logging writes to,
// by link or by name.
func (a *adapter) linkLogGroups() {
	for _, il := range a.m.InvocationLogging {
		for _, lg := range a.m.LogGroups {
			if il.LogGroup.LinksTo(lg.Address) || (il.LogGroup.Known() && il.LogGroup.Value != "" && lg.Name.Is(il.LogGroup.Value)) {
				lg.UsedBy = sortedUnique(append(lg.UsedBy, il.Address))
			}
		}
	}
}
