package analyze

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// sourceKeys tie a service's use of a role or resource to the account or
// resource it acts for.
var sourceKeys = []string{"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"}

// deputyServices are the service principals that act on behalf of resources
// of many accounts and support aws:SourceAccount / aws:SourceArn in trust and
// resource policies. EC2 and Lambda roles are left out: their service acts
// only for the role's own account's instances and functions.
var deputyServices = []string{"sagemaker.amazonaws.com", "bedrock.amazonaws.com", "glue.amazonaws.com",
	"cloudtrail.amazonaws.com", "logging.s3.amazonaws.com", "delivery.logs.amazonaws.com", "logs.amazonaws.com",
	"config.amazonaws.com", "s3.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com",
	"batch.amazonaws.com", "datasync.amazonaws.com", "firehose.amazonaws.com", "athena.amazonaws.com"}

func (a *analysis) public() []Issue {
	if a.s.Kind == Identity {
		return nil
	}
	var out []Issue
	a.each(func(d, i int, s *iam.Statement) {
		if !allow(s) || s.HasUnknown() || !publicPrincipal(s) || narrowed(s) {
			return
		}
		acts := strings.Join(s.Action, ", ")
		if len(s.NotAction) > 0 {
			acts = "every action except " + strings.Join(s.NotAction, ", ")
		}
		msg := "grants " + acts + " to everyone (Principal \"*\") with no condition that limits who"
		if a.s.Kind == Trust {
			msg = "lets anyone with an AWS account assume the role (Principal \"*\"), with no condition that limits who"
		}
		out = append(out, a.issue(d, i, msg, "public"))
	})
	return out
}

// publicPrincipal reports a Principal of "*" or {"AWS": "*"}, or a
// NotPrincipal (which grants to everyone it does not name).
func publicPrincipal(s *iam.Statement) bool {
	if s.NotPrincipal != nil {
		return true
	}
	if s.Principal == nil {
		return false
	}
	return s.Principal.All || slices.Contains(s.Principal.IDs["AWS"], "*")
}

// narrowed reports whether a condition keeps a statement with Principal
// "*" from admitting everyone: one that fixes the caller's account,
// organization, network or source (iam.Statement.Openings decides).
func narrowed(s *iam.Statement) bool {
	for _, o := range s.Openings(iam.Trusted{}) {
		if o.Who == "anyone" {
			return false
		}
	}
	return true
}

func (a *analysis) crossAccount() []Issue {
	if a.s.Kind == Identity || a.account == "" {
		return nil
	}
	var out []Issue
	a.each(func(d, i int, s *iam.Statement) {
		if !allow(s) || s.Principal == nil || s.HasUnknown() || s.HasConditionKey("aws:PrincipalOrgID", "aws:PrincipalOrgPaths") {
			return
		}
		var others []string
		for _, id := range s.Principal.IDs["AWS"] {
			if acct := principalAccount(id); acct != "" && acct != a.account && !slices.Contains(others, acct) {
				others = append(others, acct)
			}
		}
		if len(others) == 0 {
			return
		}
		msg := "grants " + strings.Join(s.Action, ", ") + " to account " + strings.Join(others, ", ") + ", outside account " + a.account
		if a.s.Kind == Trust {
			msg = "lets account " + strings.Join(others, ", ") + " assume the role, outside account " + a.account
			if !s.HasConditionKey("sts:ExternalId") {
				msg += ", with no sts:ExternalId condition"
			}
		}
		out = append(out, a.issue(d, i, msg+" and not limited to the organization (aws:PrincipalOrgID)", strings.Join(others, ",")))
	})
	return out
}

func (a *analysis) confusedDeputy() []Issue {
	if a.s.Kind == Identity {
		return nil
	}
	var out []Issue
	a.each(func(d, i int, s *iam.Statement) {
		if !allow(s) || s.HasConditionKey(sourceKeys...) {
			return
		}
		for _, svc := range s.Principal.Services() {
			if !slices.ContainsFunc(deputyServices, func(d string) bool { return strings.EqualFold(d, svc) }) {
				continue
			}
			what := "use this resource"
			if a.s.Kind == Trust {
				what = "assume the role"
			}
			out = append(out, a.issue(d, i, "lets "+svc+" "+what+" on behalf of any account (no aws:SourceAccount or aws:SourceArn "+
				"condition): another customer's "+strings.TrimSuffix(svc, ".amazonaws.com")+" resource can be pointed at it", svc))
		}
	})
	return out
}
