// Package rbac holds the rules on Kubernetes RBAC around ML workloads: what
// the service accounts of model servers, training jobs and notebooks are
// bound to, and bindings that admit unauthenticated callers.
package rbac

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-RBAC-001", Slug: "k8s-ml-service-account-dangerous-rbac",
			Title:    "Service account of an ML workload can read Secrets, exec into or create pods, impersonate or escalate",
			Severity: rule.High, Category: rule.Identity, Provider: "kubernetes", Service: "rbac",
			Resources:  []string{"RoleBinding", "ClusterRoleBinding"},
			Frameworks: framework.LeastPrivilege(),
			Rationale: "A model server, training job or notebook runs code that takes input from outside (prompts, datasets, " +
				"pickled models, users' cells). Its service account token is mounted in the pod by default: whoever gets code " +
				"execution there acts with the account's permissions. Reading Secrets hands over every credential of the " +
				"namespace (or cluster); pods/exec and pod creation run code in other pods, under any service account of the " +
				"namespace; impersonate, escalate and bind grant any permission; wildcard verbs or resources grant all of them.",
			Remediation: "Bind the workload's service account only to the verbs and resources it calls (often none: set " +
				"automountServiceAccountToken: false), give each ML workload its own service account rather than a shared or " +
				"default one, and keep Secret reads, pods/exec and RBAC changes with operators' accounts.",
			Fixes: map[string]string{kcheck.Fix: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: model-server
  namespace: models
automountServiceAccountToken: false`},
			Defaults: []string{"A pod runs as the namespace's default service account when serviceAccountName is not set, with its token mounted unless automountServiceAccountToken is false (on the pod, else on the service account)",
				"The built-in ClusterRoles cluster-admin (everything), admin and edit (Secrets, pods/exec, creating pods) are judged by what the Kubernetes documentation says they grant; other roles not in the scan are not judged"},
			References: []string{"https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
				"https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks"},
		},
		Check: func(in *rule.Input) []rule.Result {
			m := in.Kubernetes
			accounts := mlAccounts(m)
			var out []rule.Result
			for _, b := range m.RoleBindings {
				grants, via, known := roleGrants(m, b)
				if !known || len(grants) == 0 {
					continue
				}
				for _, s := range b.Subjects {
					if s.Unknown || s.Kind != "ServiceAccount" {
						continue
					}
					users := accounts[s.Namespace+"/"+s.Name]
					if len(users) == 0 {
						continue
					}
					out = append(out, kcheck.Result(b.Resource, s.Meta, "", s.Namespace+"/"+s.Name+":"+via,
						"%s gives service account %s/%s, which %s run%s as, %s (through %s)", b.Address, s.Namespace, s.Name,
						strings.Join(users, ", "), singular(len(users)), strings.Join(grants, ", "), via))
				}
			}
			return out
		},
	})
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-RBAC-002", Slug: "k8s-binding-unauthenticated",
			Title:    "RBAC binding grants to unauthenticated callers",
			Severity: rule.Critical, Category: rule.Identity, Provider: "kubernetes", Service: "rbac",
			Resources:  []string{"RoleBinding", "ClusterRoleBinding"},
			Frameworks: framework.PublicAccess(),
			Rationale: "system:anonymous (the user of requests without credentials) and system:unauthenticated (their group) " +
				"are anyone who can reach the API server. A binding to them gives its role, for example reads of the model " +
				"registry's Secrets or of inference services, to the network.",
			Remediation: "Remove the subject; bind the role to the service accounts, users or groups that need it.",
			Fixes: map[string]string{kcheck.Fix: `subjects:
  - kind: ServiceAccount
    name: model-registry-reader
    namespace: models`},
			Defaults: []string{"A subject's kind and name are matched as written: User system:anonymous and Group system:unauthenticated (a ServiceAccount named anonymous is not them)",
				"The built-in discovery ClusterRoles system:public-info-viewer (bound to system:unauthenticated by default) and system:service-account-issuer-discovery (which the Kubernetes documentation suggests opening for OIDC discovery) are not counted: they grant reads of version and discovery documents only"},
			References: []string{"https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles",
				"https://kubernetes.io/docs/concepts/security/rbac-good-practices/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, b := range in.Kubernetes.RoleBindings {
				for _, s := range b.Subjects {
					if discovery[b.RoleName] && b.RoleKind == "ClusterRole" {
						continue
					}
					if (s.Kind == "User" && s.Name == "system:anonymous") || (s.Kind == "Group" && s.Name == "system:unauthenticated") {
						out = append(out, kcheck.Result(b.Resource, s.Meta, "", s.Name,
							"%s grants %s %s to %s %s, that is to anyone who can reach the API server", b.Address, b.RoleKind, b.RoleName, strings.ToLower(s.Kind), s.Name))
					}
				}
			}
			return out
		},
	})
}

// discovery are the built-in ClusterRoles that grant only public discovery
// documents (/version, /.well-known/openid-configuration, the JWKS).
var discovery = map[string]bool{"system:public-info-viewer": true, "system:service-account-issuer-discovery": true}

func singular(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

// mlAccounts maps namespace/name of each service account an ML workload
// runs as to the workloads, named with their role and whether the token is
// mounted.
func mlAccounts(m *kubernetes.Model) map[string][]string {
	automount := map[string]bool{}
	for _, sa := range m.ServiceAccounts {
		if sa.AutomountToken.Known() {
			automount[sa.Namespace+"/"+sa.Name] = sa.AutomountToken.Value
		}
	}
	out := map[string][]string{}
	for _, w := range m.Workloads {
		if w.Role == "" || !w.Pod.ServiceAccount.Known() {
			continue
		}
		name := w.Pod.ServiceAccount.Value
		if name == "" {
			name = "default"
		}
		key := w.Namespace + "/" + name
		mounted, set := automount[key]
		if w.Pod.AutomountToken.Explicit && w.Pod.AutomountToken.Known() {
			mounted, set = w.Pod.AutomountToken.Value, true
		}
		token := "its token mounted"
		if set && !mounted {
			token = "token not mounted"
		}
		out[key] = append(out[key], fmt.Sprintf("%s %s (%s)", w.Role, w.Address, token))
	}
	for k := range out {
		slices.Sort(out[k])
		out[k] = slices.Compact(out[k])
	}
	return out
}

// builtin are the user-facing ClusterRoles Kubernetes creates, by what the
// RBAC documentation says they grant.
var builtin = map[string][]string{
	"cluster-admin": {"every verb on every resource"},
	"admin":         {"read Secrets", "exec into pods", "create pods"},
	"edit":          {"read Secrets", "exec into pods", "create pods"},
}

// roleGrants says what dangerous permissions the role a binding names
// grants, and the role's name; known is false when the role's rules are not
// in the scan (or not all known).
func roleGrants(m *kubernetes.Model, b *kubernetes.RoleBinding) (grants []string, via string, known bool) {
	via = b.RoleKind + "/" + b.RoleName
	for _, r := range m.Roles {
		if r.Name != b.RoleName || r.Cluster != (b.RoleKind == "ClusterRole") || (!r.Cluster && r.Namespace != b.Namespace) {
			continue
		}
		for _, pr := range r.Rules {
			if pr.Unknown {
				return nil, via, false
			}
			grants = append(grants, dangerous(pr)...)
		}
		slices.Sort(grants)
		grants = slices.Compact(grants)
		return grants, via, !r.Aggregated || len(grants) > 0
	}
	if g, ok := builtin[b.RoleName]; ok && b.RoleKind == "ClusterRole" {
		return g, via, true
	}
	return nil, via, false
}

// dangerous lists what a rule grants that lets a pod's code take over
// others: Secret reads, exec, pod creation, impersonation, RBAC escalation,
// wildcards.
func dangerous(r kubernetes.PolicyRule) []string {
	core := has(r.APIGroups, "", "*")
	verb := func(vs ...string) bool { return has(r.Verbs, append(vs, "*")...) }
	res := func(rs ...string) bool { return has(r.Resources, append(rs, "*")...) }
	var out []string
	if slices.Contains(r.Verbs, "*") {
		out = append(out, "every verb")
	}
	if slices.Contains(r.Resources, "*") {
		out = append(out, "every resource")
	}
	if core && res("secrets") && verb("get", "list", "watch") && len(r.ResourceNames) == 0 {
		out = append(out, "read Secrets")
	}
	if core && res("pods/exec", "pods/attach") && verb("create", "get") {
		out = append(out, "exec into pods")
	}
	workloads := core && res("pods") || has(r.APIGroups, "apps", "batch", "*") && res("deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs")
	if workloads && verb("create") {
		out = append(out, "create pods")
	}
	if verb("impersonate") {
		out = append(out, "impersonate")
	}
	if has(r.APIGroups, "rbac.authorization.k8s.io", "*") && res("roles", "clusterroles", "rolebindings", "clusterrolebindings") && verb("escalate", "bind") {
		out = append(out, "escalate or bind roles")
	}
	return out
}

func has(list []string, any ...string) bool {
	for _, v := range list {
		if slices.Contains(any, v) {
			return true
		}
	}
	return false
}
