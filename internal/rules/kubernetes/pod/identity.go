package pod

import (
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-011", Slug: "k8s-token-automount", CrossObject: true,
			Title:    "Pod mounts a Kubernetes API token",
			Severity: rule.Medium, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "Kubernetes mounts the service account's API token in every container unless told not to. Model servers " +
				"run code that arrives with the model (pickles, custom handlers); the token lets that code act on the cluster " +
				"with the service account's rights.",
			Remediation: "Set automountServiceAccountToken: false on the pod spec (or the ServiceAccount) when the pod does not call the Kubernetes API; " +
				"mount a projected token only in the container that does.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  automountServiceAccountToken: false`},
			Defaults:   []string{"automountServiceAccountToken: true when set neither on the pod nor on its ServiceAccount"},
			References: []string{"https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting"},
		},
		Check: func(in *rule.Input) []rule.Result {
			accounts := map[string]*kubernetes.ServiceAccount{}
			for _, sa := range in.Kubernetes.ServiceAccounts {
				accounts[sa.Namespace+"/"+sa.Name] = sa
			}
			return kcheck.Pods(in, func(w *kubernetes.Workload) []rule.Result {
				v := w.Pod.AutomountToken
				if !v.Explicit {
					// The pod's setting wins; without one, its account's.
					if sa := accounts[w.Namespace+"/"+w.Pod.ServiceAccount.Value]; sa != nil && sa.AutomountToken.Explicit {
						if !sa.AutomountToken.IsTrue() {
							return nil
						}
					}
				}
				if !v.IsTrue() {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, v.Meta, w.Path, "automount",
					"%s mounts the API token of service account %q (automountServiceAccountToken: true%s)",
					kcheck.Where(w), w.Pod.ServiceAccount.Value, rule.DefaultNote(v.Explicit))}
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-016", Slug: "k8s-default-service-account",
			Title:    "Pod runs as the namespace's default service account",
			Severity: rule.Low, Category: rule.Identity,
			Frameworks: framework.LeastPrivilege(),
			Rationale: "The default service account is shared by every pod of the namespace that names none, so any role or cloud " +
				"identity (IRSA, Workload Identity) bound to it for one workload is given to all of them.",
			Remediation: "Create a service account for the workload and set serviceAccountName; bind only what it needs to it.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  serviceAccountName: model-server`},
			Defaults:   []string{"serviceAccountName: default when not set"},
			References: []string{"https://kubernetes.io/docs/concepts/security/service-accounts/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Pods(in, func(w *kubernetes.Workload) []rule.Result {
				v := w.Pod.ServiceAccount
				if !v.Is("default") {
					return nil
				}
				why := " (no serviceAccountName)"
				if v.Explicit {
					why = ""
				}
				return []rule.Result{kcheck.Result(w.Resource, v.Meta, w.Path, "default",
					"%s runs as the namespace's default service account%s", kcheck.Where(w), why)}
			})
		},
	})
}
