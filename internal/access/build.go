package access

import (
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/awsarn"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Account is one AWS account of the platform and the typed models of the
// infrastructure as code deployed to it.
type Account struct {
	ID     string
	Region string // where its regional resources are, "" when not given
	Tenant string // "" for shared accounts
	Dir    string // for messages
	Models []*aws.Model
}

// OrgPolicy is a service or resource control policy given as a file
// (--scp), attached to roots, units or accounts.
type OrgPolicy struct {
	Name     string
	Type     string // SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY
	Document *iam.Policy
	Targets  []string
	Range    source.Range
}

// Options are what the analysis knows of the organization.
type Options struct {
	OrgID string
	// Units maps an organizational unit or root ID, or the Terraform
	// address of an aws_organizations_organizational_unit, to the accounts
	// under it, so that policies attached to it reach them.
	Units map[string][]string
	// Policies are the organization policies given as files.
	Policies []OrgPolicy
	// TenantTags give a resource to a tenant when it carries all of the
	// tenant's tags, whatever the tenant of its account.
	TenantTags map[string]map[string]string
}

// builder collects nodes from the models of every account.
type builder struct {
	g        *Graph
	opts     Options
	accounts map[string]*Account
	// managed are the customer managed policies by ARN and by address.
	managed map[string]*iam.Policy
	org     orgPolicies
}

// assetNode adds an asset of an account, named by the ARN its type and
// name give.
func (b *builder) assetNode(a *Account, region, kind, typ string, r model.Resource, name model.String, label string) *Node {
	arn, ok := arnOf(a, region, typ, r.Address, name)
	if !ok {
		b.g.note(fmt.Sprintf("%s (%s): its ARN is not known before apply (a generated name, or no region for account %s); it is not in the graph", r.Address, a.Dir, a.ID))
		return nil
	}
	if label == "" {
		label = name.Value
	}
	if a.Region != "" {
		region = a.Region
	}
	if r.Range.File != "" && !path.IsAbs(r.Range.File) && a.Dir != "" {
		// Ranges are relative to the account's directory.
		r.Range.File = path.Join(filepath.ToSlash(a.Dir), r.Range.File)
	}
	return b.g.add(&Node{ID: arn, Kind: kind, Name: label, Account: a.ID, Tenant: b.tenantOf(a, r), Address: r.Address, Range: r.Range, region: region})
}

// arnOf builds a resource's ARN in the account, in the region the account
// is given or else the region its model says.
// tenantOf is the tenant whose tags the resource carries, or its account's.
// Tenants are tried by name so that a resource tagged for two is given to
// the same one every run.
func (b *builder) tenantOf(a *Account, r model.Resource) string {
	names := make([]string, 0, len(b.opts.TenantTags))
	for name := range b.opts.TenantTags {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		match := true
		for k, v := range b.opts.TenantTags[name] {
			match = match && r.Tags[k] == v
		}
		if match {
			return name
		}
	}
	return a.Tenant
}

func arnOf(a *Account, region, typ, address string, name model.String) (string, bool) {
	if a.Region != "" {
		region = a.Region
	}
	return awsarn.Of(awsarn.Account{ID: a.ID, Region: region}, typ, address, func(attr string) (string, bool) {
		if attr == "path" {
			return "", false // the model keeps no IAM path: the default "/"
		}
		return name.Value, name.Known() && name.Value != ""
	})
}

// collect adds every principal and asset of an account's models.
func (b *builder) collect(a *Account) {
	for _, m := range a.Models {
		for _, p := range m.Policies {
			if arn, ok := arnOf(a, m.Region, "aws_iam_policy", p.Address, p.Name); ok && p.Document.Document != nil {
				b.managed[arn] = p.Document.Document
			}
			if p.Document.Document != nil {
				b.managed[a.ID+"/"+p.Address] = p.Document.Document
			}
		}
	}
	for _, m := range a.Models {
		b.collectPrincipals(a, m)
		b.collectAssets(a, m)
	}
}

func (b *builder) collectPrincipals(a *Account, m *aws.Model) {
	for _, r := range m.Roles {
		n := b.principal(a, m.Region, KindRole, "aws_iam_role", r.Resource, r.Name, r.ManagedPolicies, r.InlinePolicies, r.Boundary)
		if n == nil {
			continue
		}
		n.policy = r.TrustPolicy.Document
		if n.policy == nil && r.TrustPolicy.Explicit {
			b.g.note(fmt.Sprintf("%s: its trust policy is not known before apply; who can assume it is not evaluated", n.Label()))
		}
		n.services = r.TrustPolicy.Document.ServicePrincipals()
	}
	for _, id := range m.Identities {
		if id.Kind == "user" {
			b.principal(a, m.Region, KindUser, "aws_iam_user", id.Resource, id.Name, id.ManagedPolicies, id.InlinePolicies, id.Boundary)
		}
	}
}

// principal adds a role or user with the identity policies it holds.
func (b *builder) principal(a *Account, region, kind, typ string, r model.Resource, name model.String, managed []aws.ManagedPolicy, inline []aws.PolicyDocument, boundary model.Ref) *Node {
	n := b.assetNode(a, region, kind, typ, r, name, "")
	if n == nil {
		return nil
	}
	for _, ip := range inline {
		switch {
		case ip.Document != nil:
			n.identity = append(n.identity, ip.Document)
		case ip.Explicit:
			b.g.note(fmt.Sprintf("%s: inline policy %q is not known before apply; what it grants is not evaluated", n.Label(), ip.Name))
		}
	}
	for _, mp := range managed {
		if p := b.policyOf(a, mp.ARN); p != nil {
			n.identity = append(n.identity, p)
		} else {
			b.g.note(fmt.Sprintf("%s: managed policy %s is not evaluated (its content is not in the scan)", n.Label(), refText(mp.ARN)))
		}
	}
	if boundary.IsSet() {
		n.boundary = b.policyOf(a, boundary)
		if n.boundary == nil {
			// A boundary the analysis cannot read may allow nothing: what
			// the principal can do is not known.
			n.boundary = unknownPolicy
			b.g.note(fmt.Sprintf("%s: permissions boundary %s is not in the scan; everything it allows is conditional on it", n.Label(), refText(boundary)))
		}
	}
	return n
}

// unknownPolicy stands for a policy whose content is not known: every
// statement may apply.
var unknownPolicy = func() *iam.Policy {
	anyone := &iam.Principal{IDs: map[string]iam.Values{"AWS": {unknown.Placeholder}}}
	return &iam.Policy{Statements: []iam.Statement{
		{Effect: "Allow", Principal: anyone, Action: iam.Values{"*"}, Resource: iam.Values{unknown.Placeholder}},
		{Effect: "Deny", Principal: anyone, Action: iam.Values{"*"}, Resource: iam.Values{unknown.Placeholder}},
	}}
}()

// administratorAccess is the AWS managed policy AdministratorAccess, which
// AWS documents as allowing every action on every resource.
var administratorAccess = &iam.Policy{Statements: []iam.Statement{{Effect: "Allow", Action: iam.Values{"*"}, Resource: iam.Values{"*"}}}}

// policyOf returns the document of a managed policy a reference names: a
// customer managed policy of the scan (by link or ARN) or
// AdministratorAccess; nil when it cannot be read.
func (b *builder) policyOf(a *Account, r model.Ref) *iam.Policy {
	for _, t := range r.Targets {
		if p := b.managed[a.ID+"/"+t]; p != nil {
			return p
		}
	}
	if r.Known() && r.Value != "" {
		if p := b.managed[r.Value]; p != nil {
			return p
		}
		if iam.ManagedPolicyName(r.Value) == "AdministratorAccess" {
			return administratorAccess
		}
	}
	return nil
}

func refText(r model.Ref) string {
	if r.Known() && r.Value != "" {
		return r.Value
	}
	if len(r.Targets) > 0 {
		return strings.Join(r.Targets, ", ")
	}
	return "(known after apply)"
}

func (b *builder) collectAssets(a *Account, m *aws.Model) {
	keys := map[string]*Node{}
	for _, k := range m.KMSKeys {
		n := b.assetNode(a, m.Region, KindKey, "aws_kms_key", k.Resource, model.String{}, k.Address)
		if n == nil {
			continue
		}
		keys[k.Address] = n
		n.keyNotes = map[string][]string{}
		for _, c := range []string{"kms:Decrypt", "kms:GenerateDataKey"} {
			note := c + " on " + n.Name + " allowed by its key policy"
			n.keyNotes[c] = []string{note}[:1:1]
		}
		switch {
		case k.Policy.Document != nil:
			n.policy = k.Policy.Document
		case k.Policy.Explicit:
			n.policy = unknownPolicy
			b.g.note(fmt.Sprintf("%s: its key policy is not known before apply", n.Label()))
		default:
			n.policy = defaultKeyPolicy(a.ID)
		}
	}
	keyOf := func(r model.Ref, awsManaged bool) (*Node, keyState) {
		for _, t := range r.Targets {
			if k := keys[t]; k != nil {
				return k, keyCustomer
			}
		}
		switch {
		case r.Known() && !r.IsSet() && awsManaged:
			return nil, keyAWSManaged
		case r.Known() && !r.IsSet():
			return nil, keyDefault
		case r.Known() && b.g.byID[r.Value] != nil:
			return b.g.byID[r.Value], keyCustomer
		}
		return nil, keyUnknown
	}
	for _, bk := range m.Buckets {
		n := b.assetNode(a, m.Region, KindBucket, "aws_s3_bucket", bk.Resource, bk.Name, "")
		if n == nil {
			continue
		}
		n.policy = merged(bk.Policies)
		if e := bk.Encryption; e != nil && (e.Algorithm.Is("aws:kms") || e.Algorithm.Is("aws:kms:dsse")) {
			n.key, n.keyState = keyOf(e.KMSKey, true)
		} else if e != nil && !e.Algorithm.Known() {
			n.keyState = keyUnknown
		}
	}
	for _, r := range m.Repositories {
		if n := b.assetNode(a, m.Region, KindRepo, "aws_ecr_repository", r.Resource, r.Name, ""); n != nil {
			n.policy = merged(r.Policies)
		}
	}
	for _, s := range m.Secrets {
		if n := b.assetNode(a, m.Region, KindSecret, "aws_secretsmanager_secret", s.Resource, s.Name, ""); n != nil {
			n.policy = merged(s.Policies)
			n.key, n.keyState = keyOf(s.KMSKey, true)
		}
	}
	groups := map[string]*Node{}
	for _, grp := range m.ModelPackageGroups {
		if n := b.assetNode(a, m.Region, KindRegistry, "aws_sagemaker_model_package_group", grp.Resource, grp.Name, ""); n != nil {
			groups[grp.Address] = n
			groups["name:"+grp.Name.Value] = n
		}
	}
	for _, gp := range m.ModelPackageGroupPolicies {
		var n *Node
		for _, t := range gp.Group.Targets {
			n = firstNonNil(n, groups[t])
		}
		if n == nil && gp.Group.Known() {
			n = groups["name:"+gp.Group.Value]
		}
		if n != nil {
			n.policy = merged([]aws.PolicyDocument{gp.Policy})
		}
	}
	for _, e := range m.Endpoints {
		b.assetNode(a, m.Region, KindEndpoint, "aws_sagemaker_endpoint", e.Resource, e.Name, "")
	}
	for _, f := range m.FeatureGroups {
		b.assetNode(a, m.Region, KindFeatures, "aws_sagemaker_feature_group", f.Resource, f.Name, "")
	}
	for _, c := range m.CustomModels {
		b.assetNode(a, m.Region, KindModel, "aws_bedrock_custom_model", c.Resource, c.Name, c.Name.Value)
	}
}

func firstNonNil(a, b *Node) *Node {
	if a != nil {
		return a
	}
	return b
}

// merged joins the statements of a resource's policies (a bucket may have
// its policy inline and as aws_s3_bucket_policy); unknown ones make the
// whole unknown.
func merged(docs []aws.PolicyDocument) *iam.Policy {
	var pols []*iam.Policy
	for _, d := range docs {
		switch {
		case d.Document != nil:
			pols = append(pols, d.Document)
		case d.Explicit:
			return unknownPolicy
		}
	}
	switch len(pols) {
	case 0:
		return nil
	case 1:
		return pols[0]
	}
	return iam.Merge(pols...)
}

// defaultKeyPolicy is the key policy KMS gives a key created without one:
// the account's root may do everything, which lets IAM policies grant use.
func defaultKeyPolicy(account string) *iam.Policy {
	return &iam.Policy{Statements: []iam.Statement{{Effect: "Allow",
		Principal: &iam.Principal{IDs: map[string]iam.Values{"AWS": {awsarn.Root("", account)}}},
		Action:    iam.Values{"kms:*"}, Resource: iam.Values{"*"}}}}
}
