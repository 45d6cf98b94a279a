package aws

import (
	"encoding/json"
	"strings"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// serverlessPolicy reads aws_opensearchserverless_security_policy and
// aws_opensearchserverless_access_policy (type data).
func (a *adapter) serverlessPolicy(d *terraform.Resource, res model.Resource) {
	b := d.Body
	p := &aws.ServerlessPolicy{Resource: res, Name: tfattr.Str(b, "name", ""), Type: tfattr.Str(b, "type", ""), Document: tfattr.Str(b, "policy", "")}
	if p.Document.Known() && p.Type.Known() && p.Document.Explicit {
		p.Readable = readServerless(p, p.Document.Value)
	}
	a.m.ServerlessPolicies = append(a.m.ServerlessPolicies, p)
}

// readServerless reads the parts of a policy's JSON: a list of statements
// (network and data policies) or one object (encryption policies).
func readServerless(p *aws.ServerlessPolicy, doc string) bool {
	type rule struct {
		ResourceType string   `json:"ResourceType"`
		Resource     []string `json:"Resource"`
		Permission   []string `json:"Permission"`
	}
	type statement struct {
		Rules           []rule   `json:"Rules"`
		AllowFromPublic bool     `json:"AllowFromPublic"`
		AWSOwnedKey     bool     `json:"AWSOwnedKey"`
		Principal       []string `json:"Principal"`
	}
	var stmts []statement
	trimmed := strings.TrimSpace(doc)
	if strings.HasPrefix(trimmed, "{") {
		var one statement
		if json.Unmarshal([]byte(trimmed), &one) != nil {
			return false
		}
		stmts = []statement{one}
	} else if json.Unmarshal([]byte(trimmed), &stmts) != nil {
		return false
	}
	for _, s := range stmts {
		var resources, dashboards []string
		var perms []string
		for _, r := range s.Rules {
			resources = append(resources, r.Resource...)
			perms = append(perms, r.Permission...)
			if strings.EqualFold(r.ResourceType, "dashboard") {
				dashboards = append(dashboards, r.Resource...)
			}
		}
		switch strings.ToLower(p.Type.Value) {
		case "network":
			if s.AllowFromPublic {
				p.Public = append(p.Public, resources...)
				p.PublicDashboards = append(p.PublicDashboards, dashboards...)
			}
		case "encryption":
			if s.AWSOwnedKey {
				p.AWSOwned = append(p.AWSOwned, resources...)
			}
		case "data":
			p.Grants = append(p.Grants, aws.ServerlessGrant{Principals: s.Principal, Permissions: perms, Resources: resources})
		}
	}
	return true
}

// searchDomain reads aws_opensearch_domain and aws_elasticsearch_domain.
func (a *adapter) searchDomain(d *terraform.Resource, res model.Resource) {
	b := d.Body
	if d.Format == terraform.FormatPlan {
		// Computed: the service's settings when not written (fine-grained
		// access control off, no customer managed key), as in the
		// configuration.
		b = withoutComputed(b, []string{"advanced_security_options", "encrypt_at_rest"})
	}
	sd := &aws.SearchDomain{Resource: res, Name: tfattr.Str(b, "domain_name", ""), Policies: ownPolicy(d, "access_policies", "domain access policy", res)}
	sd.VPC = inSubnets(b, "vpc_options", "subnet_ids")
	sec, _ := tfattr.Within(b, "advanced_security_options")
	sd.FineGrained, sd.AnonymousAuth = tfattr.Bool(sec, "enabled", false), tfattr.Bool(sec, "anonymous_auth_enabled", false)
	enc, _ := tfattr.Within(b, "encrypt_at_rest")
	if d.Format == terraform.FormatPlan {
		enc = withoutComputed(enc, []string{"kms_key_id"}) // computed: aws/es when not written
	}
	sd.EncryptAtRest, sd.KMSKey = tfattr.Bool(enc, "enabled", false), tfattr.Ref(enc, "kms_key_id")
	a.m.SearchDomains = append(a.m.SearchDomains, sd)
}

// domainPolicy is an aws_opensearch_domain_policy (or Elasticsearch's),
// for the domain its domain_name names.
func (a *adapter) domainPolicy(d *terraform.Resource, res model.Resource) {
	a.attach("domain", d, "domain_name", "access_policies", "domain access policy", res)
}
