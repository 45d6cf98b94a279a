package pod

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

// harmless are capabilities the restricted Pod Security Standard allows
// adding.
var harmless = map[string]bool{"NET_BIND_SERVICE": true}

func capName(s string) string { return strings.TrimPrefix(strings.ToUpper(s), "CAP_") }

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-004", Slug: "k8s-added-capabilities",
			Title:    "Container adds Linux capabilities",
			Severity: rule.High, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or ALL give a container powers over the node's " +
				"kernel, network and other processes; a compromised model server keeps them.",
			Remediation: "Remove the added capabilities; only NET_BIND_SERVICE is allowed by the restricted Pod Security Standard.",
			Fixes: map[string]string{kcheck.Fix: `securityContext:
  capabilities:
    drop: ["ALL"]`},
			Defaults:   []string{"capabilities.add: none when not set"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				var out []rule.Result
				for _, cp := range c.CapabilitiesAdd {
					if harmless[capName(cp.Value)] {
						continue
					}
					out = append(out, kcheck.Result(w.Resource, cp.Meta, kcheck.Place(w, c), capName(cp.Value),
						"%s adds the capability %s", kcheck.Container(w, c), cp.Value))
				}
				return out
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-005", Slug: "k8s-capabilities-not-dropped",
			Title:    "Container keeps the runtime's default capabilities",
			Severity: rule.Low, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_RAW and " +
				"more). A model server needs none of them; dropping ALL removes what an attacker would use next.",
			Remediation: "Set securityContext.capabilities.drop: [\"ALL\"] and add back only what the process needs.",
			Fixes: map[string]string{kcheck.Fix: `securityContext:
  capabilities:
    drop: ["ALL"]`},
			Defaults:   []string{"capabilities.drop: none when not set (the runtime's default set is kept)"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				for _, d := range c.CapabilitiesDrop {
					if capName(d.Value) == "ALL" {
						return nil
					}
				}
				return []rule.Result{kcheck.Result(w.Resource, c.SecurityContext, kcheck.Place(w, c), "drop",
					"%s does not drop ALL capabilities", kcheck.Container(w, c))}
			})
		},
	})
}
