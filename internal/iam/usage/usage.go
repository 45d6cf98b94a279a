// Package usage derives the policy a role needs from what it did: the calls
// CloudTrail recorded for its sessions, with resources generalized the way a
// person would write them (objects by bucket and top-level prefix, job names
// without their timestamps), and compares it with the policy the role holds.
package usage

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/catalog"
)

// Usage is what one role did.
type Usage struct {
	Role    string
	Matched int // records made by the role's sessions
	Denied  map[string]int
	// calls maps an action to the resources it was called on, and counts.
	calls map[string]map[string]int
	// unresolved counts calls whose resource the record did not tell.
	Unresolved map[string]int
}

// New starts collecting the calls of a role (its ARN, with any path).
func New(role string) *Usage {
	return &Usage{Role: role, Denied: map[string]int{}, calls: map[string]map[string]int{}, Unresolved: map[string]int{}}
}

// Add records one event if the role's session made it. It reports whether
// the event was the role's.
func (u *Usage) Add(e *cloudtrail.Event) bool {
	if !u.made(e) {
		return false
	}
	u.Matched++
	action := Action(e)
	if e.ErrorCode != "" && isDenied(e.ErrorCode) {
		u.Denied[action]++
		return true
	}
	res, ok := Resource(action, e)
	if !ok {
		u.Unresolved[action]++
	}
	if u.calls[action] == nil {
		u.calls[action] = map[string]int{}
	}
	u.calls[action][res]++
	return true
}

func isDenied(code string) bool {
	return strings.Contains(code, "AccessDenied") || strings.Contains(code, "UnauthorizedOperation") || code == "Forbidden"
}

// made reports whether the event was made by a session of the role.
func (u *Usage) made(e *cloudtrail.Event) bool {
	id := e.UserIdentity
	if id.SessionContext.SessionIssuer.ARN != "" {
		return id.SessionContext.SessionIssuer.ARN == u.Role
	}
	// Older and some data-event records carry only the assumed-role ARN:
	// arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION.
	parts := strings.SplitN(id.ARN, ":", 6)
	roleParts := strings.SplitN(u.Role, ":", 6)
	if len(parts) != 6 || len(roleParts) != 6 || !strings.HasPrefix(parts[5], "assumed-role/") || parts[4] != roleParts[4] {
		return false
	}
	name := strings.Split(strings.TrimPrefix(parts[5], "assumed-role/"), "/")[0]
	return name == roleParts[5][strings.LastIndex(roleParts[5], "/")+1:]
}

// s3Actions maps S3 API names to the IAM actions that authorize them.
var s3Actions = map[string]string{
	"HeadObject": "GetObject", "HeadBucket": "ListBucket", "ListObjects": "ListBucket", "ListObjectsV2": "ListBucket",
	"ListObjectVersions": "ListBucketVersions", "CreateMultipartUpload": "PutObject", "UploadPart": "PutObject",
	"CompleteMultipartUpload": "PutObject", "UploadPartCopy": "PutObject", "CopyObject": "PutObject",
	"DeleteObjects": "DeleteObject", "ListParts": "ListMultipartUploadParts", "GetObjectAttributes": "GetObject",
}

// Action names the IAM action that authorized an event.
func Action(e *cloudtrail.Event) string {
	prefix := cloudtrail.Service(e.EventSource)
	name := e.EventName
	if prefix == "s3" {
		if mapped, ok := s3Actions[name]; ok {
			name = mapped
		}
	}
	return prefix + ":" + name
}

// starOnly are actions the catalog gives resource types that AWS does not
// require: CloudWatch authorizes PutMetricData against "*" (the namespace is
// a condition key), so a policy must grant it there.
var starOnly = map[string]bool{"cloudwatch:PutMetricData": true}

// Resource tells the resource an event acted on, in the form the policy
// grants it: the ARN the record names that is of a type the action takes,
// else one built from the request parameters. ok is false when the record
// does not tell; the resource is then every resource of the action's type
// in the event's region and account.
func Resource(action string, e *cloudtrail.Event) (string, bool) {
	svc, a, known := catalog.Lookup(action)
	if (known && len(a.Resources) == 0) || starOnly[action] {
		return "*", true
	}
	if r := fromS3(action, e); r != "" {
		return r, true
	}
	if r := fromLogs(action, e); r != "" {
		return r, true
	}
	var patterns []string
	if known {
		for _, t := range a.Resources {
			if p, ok := svc.ResourceTypes[t]; ok {
				patterns = append(patterns, p)
			}
		}
	}
	for _, r := range e.Resources {
		for _, p := range patterns {
			if iam.MatchCase(placeholdersToStars(p), r.ARN) {
				return generalize(r.ARN), true
			}
		}
		if len(patterns) == 0 && strings.HasPrefix(r.ARN, "arn:") {
			return generalize(r.ARN), true
		}
	}
	if len(patterns) == 0 {
		return "*", false
	}
	return fill(patterns[0], e), false
}

// fromLogs builds a log group or stream ARN from a CloudWatch Logs event,
// streams generalized to every stream of the group.
func fromLogs(action string, e *cloudtrail.Event) string {
	if !strings.HasPrefix(action, "logs:") || len(e.RequestParameters) == 0 {
		return ""
	}
	var p struct {
		Group string `json:"logGroupName"`
	}
	if json.Unmarshal(e.RequestParameters, &p) != nil || p.Group == "" {
		return ""
	}
	arn := "arn:aws:logs:" + orStar(e.AWSRegion) + ":" + orStar(e.RecipientAccountID) + ":log-group:" + p.Group
	if _, a, ok := catalog.Lookup(action); ok && slices.Contains(a.Resources, "log-stream") {
		return arn + ":log-stream:*"
	}
	return arn
}

var placeholder = regexp.MustCompile(`\$\{[A-Za-z]+\}`)

func placeholdersToStars(p string) string { return placeholder.ReplaceAllString(p, "*") }

// fill writes a catalog ARN pattern with the event's partition, region and
// account, and * for names.
func fill(p string, e *cloudtrail.Event) string {
	return placeholder.ReplaceAllStringFunc(p, func(ph string) string {
		switch ph {
		case "${Partition}":
			return "aws"
		case "${Region}":
			return orStar(e.AWSRegion)
		case "${Account}":
			return orStar(e.RecipientAccountID)
		}
		return "*"
	})
}

func orStar(s string) string {
	if s == "" {
		return "*"
	}
	return s
}

// fromS3 builds a bucket or object ARN from the request parameters of an S3
// event, objects generalized to their bucket's top-level prefix.
func fromS3(action string, e *cloudtrail.Event) string {
	if !strings.HasPrefix(action, "s3:") || len(e.RequestParameters) == 0 {
		return ""
	}
	var p struct {
		Bucket string `json:"bucketName"`
		Key    string `json:"key"`
	}
	if json.Unmarshal(e.RequestParameters, &p) != nil || p.Bucket == "" {
		return ""
	}
	_, a, _ := catalog.Lookup(action)
	if !slices.Contains(a.Resources, "object") {
		return "arn:aws:s3:::" + p.Bucket
	}
	if first, _, nested := strings.Cut(p.Key, "/"); nested {
		return "arn:aws:s3:::" + p.Bucket + "/" + first + "/*"
	}
	return "arn:aws:s3:::" + p.Bucket + "/*"
}

// runSuffix matches what SageMaker SDKs and pipelines append to the names of
// jobs, models and endpoint configurations: a timestamp or a run number.
var runSuffix = regexp.MustCompile(`(-\d{4}-\d{2}-\d{2}(-\d{2}){0,3}(-\d+)?|-\d{6,})$`)

// generalize turns the name of one SageMaker run into the pattern of its
// runs, and an object into its bucket's top-level prefix. Other ARNs (keys,
// repositories, roles) are kept as they are.
func generalize(arn string) string {
	if loc := runSuffix.FindStringIndex(arn); loc != nil && strings.Contains(arn, ":sagemaker:") {
		return arn[:loc[0]] + "-*"
	}
	if strings.Contains(arn, ":s3:::") {
		bucket, key, nested := strings.Cut(strings.SplitN(arn, ":::", 2)[1], "/")
		if nested {
			if first, _, deep := strings.Cut(key, "/"); deep {
				return "arn:aws:s3:::" + bucket + "/" + first + "/*"
			}
			return "arn:aws:s3:::" + bucket + "/*"
		}
	}
	return arn
}

// Calls lists each action the role used with the resources, sorted.
func (u *Usage) Calls() map[string][]string {
	out := map[string][]string{}
	for a, rs := range u.calls {
		for r := range rs {
			out[a] = append(out[a], r)
		}
		sort.Strings(out[a])
		out[a] = collapse(out[a])
	}
	return out
}

// collapse replaces the resources under one bucket by bucket/* when a role
// used more than a few of its prefixes, and drops resources another covers.
func collapse(rs []string) []string {
	perBucket := map[string]int{}
	for _, r := range rs {
		if b, _, ok := strings.Cut(r, "/"); ok && strings.Contains(b, ":s3:::") {
			perBucket[b]++
		}
	}
	var out []string
	for _, r := range rs {
		if b, _, ok := strings.Cut(r, "/"); ok && perBucket[b] > 3 {
			r = b + "/*"
		}
		out = append(out, r)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	kept := out[:0]
	for _, r := range out {
		covered := false
		for _, o := range out {
			if o != r && iam.MatchCase(o, r) {
				covered = true
				break
			}
		}
		if !covered {
			kept = append(kept, r)
		}
	}
	return kept
}

// Policy writes the policy that allows what the role did: one statement per
// service and resource set.
func (u *Usage) Policy() *iam.Policy {
	calls := u.Calls()
	type group struct {
		service   string
		resources []string
		actions   []string
	}
	groups := map[string]*group{}
	for action, rs := range calls {
		svc, _, _ := strings.Cut(action, ":")
		k := svc + "\x00" + strings.Join(rs, "\x00")
		if groups[k] == nil {
			groups[k] = &group{service: svc, resources: rs}
		}
		groups[k].actions = append(groups[k].actions, action)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p := &iam.Policy{Version: "2012-10-17"}
	seen := map[string]int{}
	for _, k := range keys {
		g := groups[k]
		sort.Strings(g.actions)
		sid := sidOf(g.actions[0])
		seen[sid]++
		if seen[sid] > 1 {
			sid += strconv.Itoa(seen[sid])
		}
		p.Statements = append(p.Statements, iam.Statement{Sid: sid, Effect: "Allow", Action: g.actions, Resource: g.resources})
	}
	return p
}

// sidOf names a statement after its first action: s3:GetObject -> S3GetObject.
func sidOf(action string) string {
	var b strings.Builder
	up := true
	for _, r := range action {
		if r == '-' || r == ':' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

// Unused lists the catalogued actions the current policies allow on some
// resource that the role never called, sorted; whole services never used
// are named as service:*.
func (u *Usage) Unused(current []*iam.Policy) []string {
	used := map[string]bool{}
	for a := range u.calls {
		used[strings.ToLower(a)] = true
	}
	for a := range u.Denied {
		used[strings.ToLower(a)] = true
	}
	granted := map[string][]string{}
	for _, p := range current {
		for _, s := range p.Statements {
			if !strings.EqualFold(s.Effect, "Allow") {
				continue
			}
			for _, a := range grantedBy(&s) {
				svc, _, _ := strings.Cut(a, ":")
				granted[svc] = append(granted[svc], a)
			}
		}
	}
	var out []string
	for svc, acts := range granted {
		slices.Sort(acts)
		acts = slices.Compact(acts)
		var unused []string
		for _, a := range acts {
			if !used[strings.ToLower(a)] {
				unused = append(unused, a)
			}
		}
		if len(unused) == len(acts) && len(acts) > 1 {
			out = append(out, svc+":* (all "+strconv.Itoa(len(acts))+" granted actions)")
			continue
		}
		out = append(out, unused...)
	}
	sort.Strings(out)
	return out
}

func grantedBy(s *iam.Statement) []string {
	var out []string
	if len(s.NotAction) > 0 {
		for _, a := range catalog.Expand("*") {
			if s.AllowsAction(a) {
				out = append(out, a)
			}
		}
		return out
	}
	for _, p := range s.Action {
		if exp := catalog.Expand(p); len(exp) > 0 {
			out = append(out, exp...)
		} else if !strings.ContainsAny(p, "*?") {
			out = append(out, p)
		}
	}
	return out
}
