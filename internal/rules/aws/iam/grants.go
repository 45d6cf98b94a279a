package iam

import (
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
)

// access describes a broad permission set: the AWS managed policy that grants
// it, and what a statement must allow to be its equivalent.
type access struct {
	managed string   // AWS managed policy name
	service string   // "" for every service
	probes  []string // resource ARNs that a statement's resources must all cover
}

var (
	adminAccess     = access{managed: "AdministratorAccess"}
	sageMakerAccess = access{managed: "AmazonSageMakerFullAccess", service: "sagemaker",
		probes: []string{"arn:aws:sagemaker:us-east-1:111122223333:model/mlguard-probe", "arn:aws:sagemaker:us-east-1:111122223333:endpoint/mlguard-probe"}}
	s3Access = access{managed: "AmazonS3FullAccess", service: "s3",
		probes: []string{"arn:aws:s3:::mlguard-probe-bucket", "arn:aws:s3:::mlguard-probe-bucket/any/key"}}
)

// results reports every way an ML execution role holds the access.
func (acc access) results(m *aws.Model) []rule.Result {
	var out []rule.Result
	for _, r := range m.Roles {
		why := r.MLReason()
		if why == "" {
			continue
		}
		for _, mp := range r.ManagedPolicies {
			out = append(out, acc.fromManaged(m, r, why, mp)...)
		}
		for _, ip := range r.InlinePolicies {
			if sid, ok := acc.grantedBy(ip.Document); ok {
				out = append(out, rule.NewResult(r.Resource, ip.Meta, "inline:"+ip.Name+":"+sid,
					"%s (%s) has an inline policy %q whose statement %s grants the equivalent of %s%s", r.Address, why, ip.Name, sid, acc.managed, declared(r, ip.Source, " (declared in %s)")))
			}
		}
	}
	return out
}

func (acc access) fromManaged(m *aws.Model, r *aws.Role, why string, mp aws.ManagedPolicy) []rule.Result {
	meta := mp.ARN.Meta
	if mp.Source.Address != r.Address {
		meta = model.Meta{Range: mp.Source.Range, Explicit: true}
	}
	if mp.ARN.Known() && iam.ManagedPolicyName(mp.ARN.Value) == acc.managed {
		return []rule.Result{rule.NewResult(r.Resource, meta, "managed:"+acc.managed,
			"%s (%s) has the AWS managed policy %s attached%s", r.Address, why, acc.managed, declared(r, mp.Source, " by %s"))}
	}
	var out []rule.Result
	for _, t := range mp.ARN.Targets {
		p := m.Policy(t)
		if p == nil {
			continue
		}
		if sid, ok := acc.grantedBy(p.Document.Document); ok {
			out = append(out, rule.NewResult(r.Resource, meta, "policy:"+p.Address+":"+sid,
				"%s (%s) has %s attached, whose statement %s grants the equivalent of %s%s", r.Address, why, p.Address, sid, acc.managed, declared(r, mp.Source, " by %s")))
		}
	}
	return out
}

// declared names the resource that declares a grant, when it is not the role.
func declared(r *aws.Role, src model.Resource, format string) string {
	if src.Address == "" || src.Address == r.Address {
		return ""
	}
	return fmt.Sprintf(format, src.Address)
}

// grantedBy returns the first statement that grants the access without
// condition, named by Sid or position.
func (acc access) grantedBy(p *iam.Policy) (string, bool) {
	if p == nil {
		return "", false
	}
	for i, s := range p.Statements {
		if !s.Allows() || s.HasUnknown() || len(s.NotAction) > 0 || len(s.NotResource) > 0 {
			continue
		}
		if acc.statementGrants(&s) {
			return p.Label(i), true
		}
	}
	return "", false
}

func (acc access) statementGrants(s *iam.Statement) bool {
	if acc.service == "" {
		for _, a := range s.Action {
			if strings.Trim(a, "*:") == "" && s.OnAllResources() {
				return true
			}
		}
		return false
	}
	pattern, ok := s.GrantsService(acc.service)
	if !ok || iam.CoversService(pattern, "mlguard-probe-other") {
		return false // every service: reported by the administrator rule
	}
	for _, probe := range acc.probes {
		covered := false
		for _, res := range s.Resource {
			if iam.MatchCase(res, probe) {
				covered = true
			}
		}
		if !covered {
			return false
		}
	}
	return true
}
