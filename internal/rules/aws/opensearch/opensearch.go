// Package opensearch holds the rules for OpenSearch Serverless, the vector
// store behind Bedrock knowledge bases and many RAG applications: who can
// reach its collections and dashboards, which key encrypts them, and who may
// read and write their indexes. Fixtures are under testdata/<rule ID>/.
package opensearch

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/unknown"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "aws", "opensearch"
	rule.Register(r)
}

var (
	securityTypes = []string{"aws_opensearchserverless_security_policy", "AWS::OpenSearchServerless::SecurityPolicy"}
	accessTypes   = []string{"aws_opensearchserverless_access_policy", "AWS::OpenSearchServerless::AccessPolicy"}
)

// policies returns the readable policies of a type.
func policies(m *aws.Model, typ string) []*aws.ServerlessPolicy {
	var out []*aws.ServerlessPolicy
	for _, p := range m.ServerlessPolicies {
		if p.Readable && strings.EqualFold(p.Type.Value, typ) {
			out = append(out, p)
		}
	}
	return out
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-AOSS-001", Slug: "opensearch-serverless-public-network",
			Title:    "OpenSearch Serverless network policy opens collections or dashboards to the internet",
			Severity: rule.High, Category: rule.Network,
			Resources:  securityTypes,
			Frameworks: framework.PublicAccess(),
			Rationale: "A vector store holds the embeddings of the documents a knowledge base retrieves from, and often the text " +
				"chunks themselves. AllowFromPublic: true makes the collection's endpoint (and its OpenSearch Dashboards) " +
				"reachable from any address; only the data access policy and IAM then stand between the internet and the " +
				"documents, and a leaked credential works from anywhere.",
			Remediation: "Set AllowFromPublic to false and list SourceVPCEs (an OpenSearch Serverless VPC endpoint) and, for " +
				"Bedrock knowledge bases, SourceServices: [\"bedrock.amazonaws.com\"].",
			Fixes: map[string]string{"terraform": `policy = jsonencode([{
  Rules           = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }]
  AllowFromPublic = false
  SourceVPCEs     = [aws_opensearchserverless_vpc_endpoint.kb.id]
  SourceServices  = ["bedrock.amazonaws.com"]
}])`, "cloudformation": `Type: network
Policy: '[{"Rules":[{"ResourceType":"collection","Resource":["collection/kb-vectors"]}],"AllowFromPublic":false,"SourceVPCEs":["vpce-050f79086ee71ac05"],"SourceServices":["bedrock.amazonaws.com"]}]'`},
			Defaults:   []string{"AllowFromPublic: false when not set; a collection no network policy matches cannot be created"},
			References: []string{"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range policies(in.AWS, "network") {
				if len(p.Public) > 0 {
					out = append(out, rule.NewResult(p.Resource, p.Document.Meta, strings.Join(p.Public, ","),
						"%s opens %s to the internet (AllowFromPublic: true)", p.Address, publicNames(p)))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-AOSS-002", Slug: "opensearch-serverless-aws-owned-key",
			Title:    "OpenSearch Serverless collections are encrypted with an AWS owned key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  securityTypes,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "With AWSOwnedKey: true, the vectors and documents of the collection are encrypted with a key you cannot " +
				"see, restrict with a key policy, audit in CloudTrail or revoke; a customer managed key makes every read " +
				"depend on a key policy you control.",
			Remediation: "Set AWSOwnedKey to false and KmsARN to a customer managed key in the encryption policy.",
			Fixes: map[string]string{"terraform": `policy = jsonencode({
  Rules       = [{ ResourceType = "collection", Resource = ["collection/kb-vectors"] }]
  AWSOwnedKey = false
  KmsARN      = aws_kms_key.vectors.arn
})`, "cloudformation": `Type: encryption
Policy: !Sub '{"Rules":[{"ResourceType":"collection","Resource":["collection/kb-vectors"]}],"AWSOwnedKey":false,"KmsARN":"${VectorsKey.Arn}"}'`},
			Defaults:   []string{"An encryption policy must say AWSOwnedKey true or give KmsARN"},
			References: []string{"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range policies(in.AWS, "encryption") {
				if len(p.AWSOwned) > 0 {
					out = append(out, rule.NewResult(p.Resource, p.Document.Meta, strings.Join(p.AWSOwned, ","),
						"%s encrypts %s with an AWS owned key (AWSOwnedKey: true)", p.Address, names(p.AWSOwned)))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-AOSS-003", Slug: "opensearch-serverless-broad-data-access",
			Title:    "OpenSearch Serverless data access policy grants to everyone or to whole accounts",
			Severity: rule.High, Category: rule.Identity,
			Resources:  accessTypes,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "The data access policy is what decides who reads and writes a collection's indexes. Principal \"*\" " +
				"grants its permissions to every authenticated AWS principal; an account's root with aoss:* grants every " +
				"principal of that account full control of the indexes, including deleting them and reading every document " +
				"a knowledge base retrieves from.",
			Remediation: "Name the roles that need access (the knowledge base's role, the ingestion job's role) and the permissions " +
				"they use: aoss:ReadDocument and aoss:DescribeIndex for retrieval, aoss:WriteDocument and aoss:CreateIndex for ingestion.",
			Fixes: map[string]string{"terraform": `policy = jsonencode([{
  Rules = [{
    ResourceType = "index"
    Resource     = ["index/kb-vectors/*"]
    Permission   = ["aoss:ReadDocument", "aoss:DescribeIndex"]
  }]
  Principal = [aws_iam_role.knowledge_base.arn]
}])`, "cloudformation": `Type: data
Policy: !Sub '[{"Rules":[{"ResourceType":"index","Resource":["index/kb-vectors/*"],"Permission":["aoss:ReadDocument","aoss:DescribeIndex"]}],"Principal":["${KnowledgeBaseRole.Arn}"]}]'`},
			Defaults:   []string{"Principals are IAM ARNs or SAML identities; an account root ARN stands for every principal of the account"},
			References: []string{"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range policies(in.AWS, "data") {
				for i, g := range p.Grants {
					if why := broad(g); why != "" {
						out = append(out, rule.NewResult(p.Resource, p.Document.Meta, fmt.Sprintf("statement-%d", i+1),
							"%s statement #%d grants %s on %s to %s", p.Address, i+1, strings.Join(g.Permissions, ", "),
							names(g.Resources), why))
					}
				}
			}
			return out
		},
	})
}

// broad says why a grant's principals are too many: "*", or an account's
// root with every permission; "" when they are not.
func broad(g aws.ServerlessGrant) string {
	if slices.Contains(g.Principals, "*") {
		return "everyone (Principal \"*\")"
	}
	all := slices.ContainsFunc(g.Permissions, func(p string) bool { return p == "aoss:*" || p == "*" })
	for _, pr := range g.Principals {
		if strings.HasPrefix(pr, "arn:") && strings.HasSuffix(pr, ":root") && all {
			return "every principal of account " + strings.Split(pr, ":")[4] + " (its root)"
		}
	}
	return ""
}

// publicNames lists what a network policy opens, once each: a dashboard
// rule's resource is named as the collection's dashboards.
func publicNames(p *aws.ServerlessPolicy) string {
	left := map[string]int{}
	for _, r := range p.Public {
		left[r]++
	}
	for _, r := range p.PublicDashboards {
		left[r]--
	}
	var out []string
	for _, r := range p.Public {
		if left[r] > 0 && !slices.Contains(out, r) {
			out = append(out, r)
		}
		if slices.Contains(p.PublicDashboards, r) && !slices.Contains(out, r+" (dashboards)") {
			out = append(out, r+" (dashboards)")
		}
	}
	return names(out)
}

// names lists the collections, indexes or dashboards a policy names, for
// messages; names known only after apply are said so.
func names(resources []string) string {
	var known []string
	unknownNames := false
	for _, r := range resources {
		if unknown.In(r) {
			unknownNames = true
			continue
		}
		known = append(known, r)
	}
	if unknownNames {
		known = append(known, "the resources it names by values known after apply")
	}
	return strings.Join(known, ", ")
}
