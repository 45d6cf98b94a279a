package opensearch

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// domainTypes are the domains (their awscc forms count as these, see
// scan.TypeNames).
var domainTypes = []string{"aws_opensearch_domain", "aws_elasticsearch_domain", "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-OPENSEARCH-001", Slug: "opensearch-domain-open-to-everyone",
			Title:    "OpenSearch domain with a public endpoint lets everyone in",
			Severity: rule.Critical, Category: rule.Network,
			Resources:  slices.Concat(domainTypes, []string{"aws_opensearch_domain_policy", "aws_elasticsearch_domain_policy"}),
			Frameworks: framework.PublicAccess("Opensearch.2"),
			Rationale: "An OpenSearch domain used as a vector store holds the embeddings and, most often, the text chunks of " +
				"every document a RAG application or knowledge base retrieves from. With a public endpoint, an access policy " +
				"that allows Principal \"*\" (with no condition, or only conditions any AWS customer can meet) and no " +
				"fine-grained access control, anyone on the internet can search, dump or poison the index with unsigned " +
				"requests.",
			Remediation: "Place the domain in a VPC (vpc_options), or restrict the access policy to named roles or source " +
				"addresses, and turn on fine-grained access control (advanced_security_options) without anonymous auth.",
			Fixes: map[string]string{"terraform": `resource "aws_opensearch_domain" "vectors" {
  domain_name = "rag-vectors"
  vpc_options {
    subnet_ids         = [aws_subnet.private_a.id]
    security_group_ids = [aws_security_group.vectors.id]
  }
  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false
    master_user_options { master_user_arn = aws_iam_role.search_admin.arn }
  }
}`, "cloudformation": `VPCOptions:
  SubnetIds: [!Ref PrivateSubnetA]
  SecurityGroupIds: [!Ref VectorsSecurityGroup]
AdvancedSecurityOptions:
  Enabled: true
  AnonymousAuthEnabled: false`},
			Defaults: []string{"vpc_options not set: the domain has a public endpoint",
				"advanced_security_options.enabled: false (fine-grained access control off); anonymous_auth_enabled: false",
				"access_policies not set: only identities of the account that are granted es:* actions get in",
				"Whether a condition restricts is decided by the IAM engine, as for AWS-IAM-012 (a source address range restricts)"},
			References: []string{"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html",
				"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html",
				"https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.AWS.SearchDomains {
				out = append(out, openDomain(d)...)
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-OPENSEARCH-002", Slug: "opensearch-domain-no-cmk",
			Title:    "OpenSearch domain is not encrypted with a customer managed key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  domainTypes,
			Frameworks: framework.EncryptionAtRest("Opensearch.1"),
			Rationale: "Without encryption at rest the index, its snapshots and swap are stored in the clear; with the AWS " +
				"managed key aws/es every principal of the account that may use OpenSearch can read the data through the " +
				"service, and the key policy cannot be narrowed or the key disabled to cut off access to a vector store of " +
				"sensitive documents.",
			Remediation: "Set encrypt_at_rest { enabled = true, kms_key_id = <customer managed key> } (it can only be set when " +
				"the domain is created).",
			Fixes: map[string]string{"terraform": `encrypt_at_rest {
  enabled    = true
  kms_key_id = aws_kms_key.vectors.arn
}`, "cloudformation": `EncryptionAtRestOptions:
  Enabled: true
  KmsKeyId: !Ref VectorsKey`},
			Defaults: []string{"encrypt_at_rest not set: enabled false in the provider; enabled without kms_key_id uses the AWS managed key aws/es"},
			References: []string{"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
				"https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/opensearch_domain#encrypt_at_rest"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.AWS.SearchDomains {
				switch {
				case !d.EncryptAtRest.Known():
				case !d.EncryptAtRest.Value:
					out = append(out, rule.NewResult(d.Resource, d.EncryptAtRest.Meta, "unencrypted", "%s is not encrypted at rest", d.Address))
				case d.KMSKey.Absent():
					out = append(out, rule.NewResult(d.Resource, d.EncryptAtRest.Meta, "aws/es",
						"%s is encrypted at rest with the AWS managed key aws/es, not a customer managed key", d.Address))
				}
			}
			return out
		},
	})
}

// openDomain reports the statements that let everyone reach a domain with a
// public endpoint and no fine-grained access control (or anonymous access).
func openDomain(d *aws.SearchDomain) []rule.Result {
	if !d.VPC.IsFalse() || !(d.FineGrained.IsFalse() || d.AnonymousAuth.IsTrue()) {
		return nil
	}
	gate := "no fine-grained access control"
	if d.AnonymousAuth.IsTrue() {
		gate = "fine-grained access control admitting anonymous requests"
	}
	var out []rule.Result
	for _, p := range d.Policies {
		if p.Document == nil {
			continue
		}
		for i := range p.Document.Statements {
			for _, o := range p.Document.Statements[i].Openings(iam.Trusted{}) {
				if o.Who != "anyone" {
					continue
				}
				label := p.Document.Label(i)
				why := "with no condition"
				if len(o.Why) > 0 {
					why = "behind conditions anyone can meet: " + strings.Join(o.Why, "; ")
				}
				out = append(out, rule.NewResult(d.Resource, p.Meta, label,
					"%s has a public endpoint and %s, and access policy statement %s allows everyone %s", d.Address, gate, label, why))
			}
		}
	}
	return out
}
