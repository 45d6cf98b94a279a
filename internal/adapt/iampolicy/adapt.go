// Package iampolicy adapts policy files into the AWS model.
package iampolicy

import (
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	parse "github.com/mlguard/mlguard/internal/parse/iampolicy"
)

// ResourceType is the type name policy files carry in reports.
const ResourceType = "policy_file"

// Adapt puts one policy file into a model of its own.
func Adapt(doc *parse.Document) *aws.Model {
	if doc == nil {
		return &aws.Model{}
	}
	res := model.Resource{Address: doc.Path, Type: ResourceType, Range: doc.Range, Format: parse.Format}
	pf := &aws.PolicyFile{Resource: res, Kind: Kind(doc.Policy), Document: aws.PolicyDocument{
		Meta:   model.Meta{Range: doc.Range, Explicit: true},
		Name:   doc.Path,
		Source: res, Document: doc.Policy, Statements: doc.Statements,
	}}
	return &aws.Model{PolicyFiles: []*aws.PolicyFile{pf}}
}

// Kind tells what a document is from its statements: identity when none
// names a principal, trust when every one that does only assumes a role
// (sts:AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML, TagSession),
// resource otherwise.
func Kind(p *iam.Policy) string {
	principals, assumes := 0, 0
	for _, s := range p.Statements {
		if s.Principal == nil && s.NotPrincipal == nil {
			continue
		}
		principals++
		only := len(s.Action) > 0
		for _, a := range s.Action {
			if !strings.HasPrefix(strings.ToLower(a), "sts:") {
				only = false
			}
		}
		if only {
			assumes++
		}
	}
	switch {
	case principals == 0:
		return "identity"
	case assumes == principals:
		return "trust"
	}
	return "resource"
}
