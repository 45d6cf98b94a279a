// Package analyze finds what is wrong with IAM policies: administrator and
// full-access grants, wildcards on data and key services, reads of every
// bucket, permissions management, privilege-escalation paths (the SageMaker
// ones and the general IAM ones), public and cross-account principals in
// resource and trust policies, service trust open to the confused deputy,
// and statements that grant nothing or are shadowed by others.
//
// Analyses decide with the evaluation engine of package iam where they can,
// so that a condition or a NotResource is read exactly as AWS reads it, and
// they never conclude anything from a value unknown at scan time.
package analyze

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// Kind is the part a policy plays.
type Kind int

// The kinds of policy.
const (
	Identity Kind = iota // attached to a role, user or group
	Resource             // on a bucket, key, repository, secret or registry group
	Trust                // a role's trust policy
)

// Check names one analysis. The names are stable: reports and rule IDs
// are built on them.
type Check string

// The analyses, in the order they run.
const (
	Admin         Check = "admin"
	FullAccess    Check = "full-access"
	WildcardData  Check = "wildcard-data"
	ReadAllData   Check = "read-all-buckets"
	PermsMgmt     Check = "permissions-management"
	Escalation    Check = "privilege-escalation"
	Public        Check = "public-principal"
	CrossAccount  Check = "cross-account"
	ConfusedDep   Check = "confused-deputy"
	GrantsNothing Check = "grants-nothing"
	Shadowed      Check = "shadowed"
)

// Checks lists every analysis in the order they run.
func Checks() []Check {
	return []Check{Admin, FullAccess, WildcardData, ReadAllData, PermsMgmt, Escalation, Public, CrossAccount,
		ConfusedDep, GrantsNothing, Shadowed}
}

// Doc is one policy document of a subject, named for messages.
type Doc struct {
	Name   string
	Policy *iam.Policy // nil when the document is unknown or unreadable
}

// Subject is what is analysed together: the identity policies one principal
// holds (escalation paths combine them), or one resource or trust policy.
type Subject struct {
	Kind Kind
	Docs []Doc
	// Managed are the ARNs of the managed policies attached to the
	// principal; AWS managed ones are judged by name.
	Managed []string
	// Account is the account that owns the subject, "" when unknown; cross-
	// account grants are only reported when it is known.
	Account string
	// PerDocument limits the subject to the statement-level analyses: its
	// documents are also part of a principal analysed as a whole, which
	// reports the escalation paths.
	PerDocument bool
}

// Issue is one thing an analysis found.
type Issue struct {
	Check     Check
	Doc       int // index into Subject.Docs; -1 for an attached managed policy
	Statement int // index into the document's statements; -1 for the whole
	Message   string
	Value     string // what was found, stable across runs (for fingerprints)
}

// Analyze runs the named analyses (every one when none is named) on s.
func Analyze(s Subject, checks ...Check) []Issue {
	if len(checks) == 0 {
		checks = Checks()
	}
	a := &analysis{s: s, account: s.Account}
	if a.account == "" {
		a.account = inferAccount(s)
	}
	var out []Issue
	for _, c := range checks {
		for _, is := range a.run(c) {
			is.Check = c
			out = append(out, is)
		}
	}
	return out
}

type analysis struct {
	s       Subject
	account string
}

func (a *analysis) run(c Check) []Issue {
	switch c {
	case Admin:
		return a.admin()
	case FullAccess:
		return a.fullAccess()
	case WildcardData:
		return a.perStatement(Identity, wildcardData)
	case ReadAllData:
		return a.perStatement(Identity, readAllBuckets)
	case PermsMgmt:
		return a.permissionsManagement()
	case Escalation:
		return a.escalation()
	case Public:
		return a.public()
	case CrossAccount:
		return a.crossAccount()
	case ConfusedDep:
		return a.confusedDeputy()
	case GrantsNothing:
		return a.grantsNothing()
	case Shadowed:
		return a.shadowed()
	}
	return nil
}

// statementFunc judges one statement and says why, or "" when fine.
type statementFunc func(s *iam.Statement) (msg, value string)

// perStatement runs f on every statement of every document of a subject of
// the given kind.
func (a *analysis) perStatement(kind Kind, f statementFunc) []Issue {
	if a.s.Kind != kind {
		return nil
	}
	var out []Issue
	a.each(func(d int, i int, st *iam.Statement) {
		if msg, value := f(st); msg != "" {
			out = append(out, a.issue(d, i, msg, value))
		}
	})
	return out
}

// each visits every known statement of the subject.
func (a *analysis) each(f func(doc, i int, s *iam.Statement)) {
	for d, doc := range a.s.Docs {
		if doc.Policy == nil {
			continue
		}
		for i := range doc.Policy.Statements {
			f(d, i, &doc.Policy.Statements[i])
		}
	}
}

// issue builds an issue whose message starts with the statement's name.
func (a *analysis) issue(d, i int, msg, value string) Issue {
	doc := a.s.Docs[d]
	return Issue{Doc: d, Statement: i, Message: doc.Name + " statement " + doc.Policy.Label(i) + " " + msg,
		Value: doc.Policy.Label(i) + ":" + value}
}

func allow(s *iam.Statement) bool { return strings.EqualFold(s.Effect, "Allow") }
func deny(s *iam.Statement) bool  { return strings.EqualFold(s.Effect, "Deny") }

var accountPattern = regexp.MustCompile(`^\d{12}$`)

// inferAccount finds the owning account of a resource policy in the ARNs of
// its own resources (a key policy naming its key, a repository policy its
// repository). It is "" when they name none or disagree.
func inferAccount(s Subject) string {
	if s.Kind != Resource {
		return ""
	}
	found := ""
	for _, d := range s.Docs {
		if d.Policy == nil {
			continue
		}
		for _, st := range d.Policy.Statements {
			for _, r := range st.Resource {
				acct := arnAccount(r)
				if !accountPattern.MatchString(acct) {
					continue
				}
				if found != "" && found != acct {
					return ""
				}
				found = acct
			}
		}
	}
	return found
}

// arnAccount returns the account field of an ARN, "" for other strings.
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}

// principalAccount returns the account an AWS principal belongs to: a bare
// account ID or the account of an ARN; "" for "*" and unknown values.
func principalAccount(id string) string {
	if accountPattern.MatchString(id) {
		return id
	}
	if acct := arnAccount(id); accountPattern.MatchString(acct) {
		return acct
	}
	return ""
}

// list names up to five items and counts the rest.
func list(items []string) string {
	const shown = 5
	if len(items) <= shown {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:shown], ", ") + " and " + strconv.Itoa(len(items)-shown) + " more"
}
