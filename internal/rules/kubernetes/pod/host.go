package pod

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

// hostNamespace is one of the node's namespaces a pod can share.
type hostNamespace struct {
	id, slug, field, title, rationale string
	get                               func(p *kubernetes.PodSpec) model.Bool
}

var hostNamespaces = []hostNamespace{
	{"K8S-POD-006", "k8s-host-network", "hostNetwork", "Pod shares the node's network namespace",
		"A pod on the host network binds the node's interfaces and reaches every service listening on the node, including " +
			"the kubelet and the cloud metadata endpoint that hands out the node's credentials, and it bypasses NetworkPolicies.",
		func(p *kubernetes.PodSpec) model.Bool { return p.HostNetwork }},
	{"K8S-POD-007", "k8s-host-pid", "hostPID", "Pod shares the node's process namespace",
		"A pod in the host PID namespace sees every process of the node, their command lines and environment (tokens, " +
			"keys passed to other model servers) and, with ptrace, can enter them.",
		func(p *kubernetes.PodSpec) model.Bool { return p.HostPID }},
	{"K8S-POD-008", "k8s-host-ipc", "hostIPC", "Pod shares the node's IPC namespace",
		"A pod in the host IPC namespace reads and writes the shared memory of every process of the node, where inference " +
			"servers keep tensors and request payloads.",
		func(p *kubernetes.PodSpec) model.Bool { return p.HostIPC }},
}

func init() {
	for _, h := range hostNamespaces {
		register(&rule.Rule{
			Metadata: rule.Metadata{
				ID: h.id, Slug: h.slug, Title: h.title,
				Severity: rule.High, Category: rule.Isolation,
				Frameworks:  framework.Hardening(),
				Rationale:   h.rationale,
				Remediation: "Remove " + h.field + " from the pod spec, or set it to false.",
				Fixes:       map[string]string{kcheck.Fix: "spec:\n  " + h.field + ": false"},
				Defaults:    []string{h.field + ": false when not set"},
				References:  []string{podSecurity},
			},
			Check: func(in *rule.Input) []rule.Result {
				return kcheck.Pods(in, func(w *kubernetes.Workload) []rule.Result {
					v := h.get(&w.Pod)
					if !v.IsTrue() {
						return nil
					}
					return []rule.Result{kcheck.Result(w.Resource, v.Meta, w.Path, h.field, "%s sets %s: true", kcheck.Where(w), h.field)}
				})
			},
		})
	}
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-009", Slug: "k8s-host-path",
			Title:    "Pod mounts a directory of the node",
			Severity: rule.High, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "A hostPath volume exposes the node's file system to the pod: the container runtime socket, the kubelet's " +
				"credentials, other pods' volumes and cached model weights. Writable, it lets the pod take over the node.",
			Remediation: "Replace hostPath volumes with persistentVolumeClaim, emptyDir, or CSI volumes (a model cache belongs in a PVC).",
			Fixes: map[string]string{kcheck.Fix: `volumes:
  - name: model-cache
    persistentVolumeClaim:
      claimName: model-cache`},
			Defaults:   []string{"no hostPath volume unless one is declared"},
			References: []string{podSecurity},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Pods(in, func(w *kubernetes.Workload) []rule.Result {
				var out []rule.Result
				for _, v := range w.Pod.Volumes {
					if v.HostPath.Explicit {
						out = append(out, kcheck.Result(w.Resource, v.HostPath.Meta, w.Path, v.Name+"="+v.HostPath.Value,
							"%s mounts the node's %s (volume %q)", kcheck.Where(w), v.HostPath.Value, v.Name))
					}
				}
				return out
			})
		},
	})
}
