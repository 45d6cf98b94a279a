package analyze

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/unknown"
)

// narrowingKeys are the condition keys that, tested for fixed values, keep a
// statement with Principal "*" from being public, after the rules S3 Block
// Public Access and IAM Access Analyzer apply.
var narrowingKeys = []string{"aws:SourceIp", "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner",
	"aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
	"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:userid", "kms:CallerAccount", "s3:DataAccessPointAccount",
	"s3:DataAccessPointArn", "lambda:EventSourceToken"}

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

// narrowed reports whether a condition limits a statement to fixed
// accounts, organizations, networks or source resources.
func narrowed(s *iam.Statement) bool {
	for op, kv := range s.Condition {
		lower := strings.ToLower(op)
		if strings.Contains(lower, "not") || strings.HasPrefix(lower, "null") || strings.HasSuffix(lower, "ifexists") {
			continue // a negation or a missing key lets the rest of the world in
		}
		for key, vals := range kv {
			if !slices.ContainsFunc(narrowingKeys, func(k string) bool { return strings.EqualFold(k, key) }) || len(vals) == 0 {
				continue
			}
			if fixed(key, vals) {
				return true
			}
		}
	}
	return false
}

// fixed reports whether condition values name fixed things: no wildcard or
// policy variable, and for IP ranges nothing wider than a /8 (IPv4) or /32 (IPv6).
func fixed(key string, vals []string) bool {
	for _, v := range vals {
		if v == "" || strings.ContainsAny(v, "*?") || strings.Contains(v, "${") || unknown.In(v) {
			return false
		}
		if strings.EqualFold(key, "aws:SourceIp") {
			p, err := netip.ParsePrefix(v)
			if err != nil {
				if _, err := netip.ParseAddr(v); err != nil {
					return false
				}
				continue
			}
			if (p.Addr().Is4() && p.Bits() < 8) || (p.Addr().Is6() && p.Bits() < 32) {
				return false
			}
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
