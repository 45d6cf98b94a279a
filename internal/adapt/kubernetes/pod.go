package kubernetes

import (
	"fmt"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
)

// podSpec reads the pod-level settings of spec and its containers. Extra
// containers (the model container of a KServe component, written inline on
// the component) are read by the caller.
func podSpec(spec *node.Value, at source.Range) kubernetes.PodSpec {
	at = rangeOf(spec, at)
	sc := spec.Get("securityContext")
	p := kubernetes.PodSpec{
		ServiceAccount: str(spec, at, "serviceAccountName", ""),
		AutomountToken: boolean(spec, at, "automountServiceAccountToken", true),
		HostNetwork:    boolean(spec, at, "hostNetwork", false),
		HostPID:        boolean(spec, at, "hostPID", false),
		HostIPC:        boolean(spec, at, "hostIPC", false),
		RunAsNonRoot:   boolean(sc, at, "runAsNonRoot", false),
		RunAsUser:      integer(sc, at, "runAsUser"),
		Seccomp:        str(sc.Get("seccompProfile"), rangeOf(sc, at), "type", ""),
	}
	if !p.ServiceAccount.Explicit {
		// serviceAccount is the deprecated spelling the API still honours.
		if old := str(spec, at, "serviceAccount", ""); old.Explicit {
			p.ServiceAccount = old
		}
	}
	if p.ServiceAccount.Value == "" {
		p.ServiceAccount.Value = "default"
	}
	if vols := spec.Get("volumes"); vols != nil {
		for _, v := range vols.List {
			name, _ := v.Get("name").Text()
			vol := kubernetes.Volume{Name: name}
			if hp := v.Get("hostPath"); hp != nil {
				vol.HostPath = str(hp, v.Range, "path", "")
			}
			p.Volumes = append(p.Volumes, vol)
		}
	}
	for _, list := range []struct {
		key  string
		init bool
	}{{"initContainers", true}, {"containers", false}, {"ephemeralContainers", false}} {
		cs := spec.Get(list.key)
		if cs == nil {
			continue
		}
		for i, c := range cs.List {
			p.Containers = append(p.Containers, container(c, fmt.Sprintf("%s[%d]", list.key, i), list.init, &p))
		}
	}
	return p
}

// container reads one container; pod holds the pod-level settings it inherits.
func container(c *node.Value, path string, init bool, pod *kubernetes.PodSpec) *kubernetes.Container {
	at := c.Range
	name, _ := c.Get("name").Text()
	sc := c.Get("securityContext")
	caps := sc.Get("capabilities")
	out := &kubernetes.Container{
		Name: name, Init: init, Path: path,
		Image:                    str(c, at, "image", ""),
		Privileged:               boolean(sc, at, "privileged", false),
		AllowPrivilegeEscalation: boolean(sc, at, "allowPrivilegeEscalation", true),
		RunAsNonRoot:             boolean(sc, at, "runAsNonRoot", false),
		RunAsUser:                integer(sc, at, "runAsUser"),
		ReadOnlyRootFilesystem:   boolean(sc, at, "readOnlyRootFilesystem", false),
		CapabilitiesAdd:          texts(caps.Get("add")),
		CapabilitiesDrop:         texts(caps.Get("drop")),
		Seccomp:                  str(sc.Get("seccompProfile"), rangeOf(sc, at), "type", ""),
		SecurityContext:          model.Meta{Range: rangeOf(sc, at), Explicit: sc != nil},
	}
	// The pod's security context applies where the container's is silent.
	if !out.RunAsNonRoot.Explicit && pod.RunAsNonRoot.Explicit {
		out.RunAsNonRoot = pod.RunAsNonRoot
	}
	if !out.RunAsUser.Explicit && pod.RunAsUser.Explicit {
		out.RunAsUser = pod.RunAsUser
	}
	if !out.Seccomp.Explicit && pod.Seccomp.Explicit {
		out.Seccomp = pod.Seccomp
	}
	res := c.Get("resources")
	out.LimitsMeta = model.Meta{Range: rangeOf(res, at), Explicit: res != nil}
	if lim := res.Get("limits"); lim != nil && lim.Kind == node.Map {
		out.LimitsMeta.Range = lim.Range
		out.Limits = map[string]model.String{}
		for _, k := range lim.Keys {
			out.Limits[k] = str(lim, lim.Range, k, "")
		}
	}
	if env := c.Get("env"); env != nil {
		for _, e := range env.List {
			n, _ := e.Get("name").Text()
			out.Env = append(out.Env, kubernetes.EnvVar{Name: n, Value: str(e, e.Range, "value", ""), FromRef: e.Get("valueFrom") != nil})
		}
	}
	out.Args = append(texts(c.Get("command")), texts(c.Get("args"))...)
	if ports := c.Get("ports"); ports != nil {
		for _, p := range ports.List {
			if n := integer(p, p.Range, "containerPort"); n.Explicit && n.Known() {
				out.Ports = append(out.Ports, n.Value)
			}
		}
	}
	return out
}
