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
			ID: "K8S-POD-010", Slug: "k8s-writable-root-filesystem",
			Title:    "Container's root file system is writable",
			Severity: rule.Low, Category: rule.Isolation,
			Frameworks: framework.Integrity(),
			Rationale: "A writable root file system lets an attacker in the container replace the server's code, its libraries " +
				"or the model files it loaded, and keep tooling there. Model servers write only to caches, which belong in volumes.",
			Remediation: "Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the server writes (/tmp, caches).",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: model
    securityContext:
      readOnlyRootFilesystem: true
    volumeMounts:
      - name: tmp
        mountPath: /tmp`},
			Defaults:   []string{"readOnlyRootFilesystem: false when not set"},
			References: []string{"https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				v := c.ReadOnlyRootFilesystem
				if !v.IsFalse() {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, v.Meta, kcheck.Place(w, c), "writable",
					"%s has a writable root file system (readOnlyRootFilesystem: false%s)", kcheck.Container(w, c), rule.DefaultNote(v.Explicit))}
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-017", Slug: "k8s-seccomp-unconfined",
			Title:    "Container runs without a seccomp profile",
			Severity: rule.Low, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "Without a seccomp profile (or with Unconfined) every system call of the kernel is open to the container, " +
				"which is where container escapes start. RuntimeDefault blocks the rarely needed and dangerous ones.",
			Remediation: "Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a profile).",
			Fixes: map[string]string{kcheck.Fix: `spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault`},
			Defaults:   []string{"seccompProfile: Unconfined when not set, unless the kubelet runs with --seccomp-default"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				v := c.Seccomp
				if v.Is("RuntimeDefault") || v.Is("Localhost") || !v.Known() {
					return nil
				}
				m := v.Meta
				if !v.Explicit {
					m = c.SecurityContext
				}
				what := "no seccomp profile"
				if v.Explicit {
					what = "seccomp profile " + v.Value
				}
				return []rule.Result{kcheck.Result(w.Resource, m, kcheck.Place(w, c), "seccomp="+v.Value,
					"%s runs with %s", kcheck.Container(w, c), what)}
			})
		},
	})
}
