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
			ID: "K8S-POD-003", Slug: "k8s-privilege-escalation",
			Title:    "Container allows privilege escalation",
			Severity: rule.Medium, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its " +
				"parent through setuid binaries, which turns a foothold in a model server into root in the container.",
			Remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: model
    securityContext:
      allowPrivilegeEscalation: false`},
			Defaults:   []string{"allowPrivilegeEscalation: true when not set (no_new_privs is not set)"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				v := c.AllowPrivilegeEscalation
				if !v.IsTrue() {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, v.Meta, kcheck.Place(w, c), "escalation",
					"%s allows privilege escalation (allowPrivilegeEscalation: true%s)", kcheck.Container(w, c), rule.DefaultNote(v.Explicit))}
			})
		},
	})
}
