package kubernetes

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
)

// rbacRole reads a Role or ClusterRole.
func (a *adapter) rbacRole(obj kubernetes.Object, doc *node.Value) {
	r := &kubernetes.RBACRole{Object: obj, Cluster: obj.Kind == "ClusterRole", Aggregated: doc.Get("aggregationRule") != nil}
	if rules := doc.Get("rules"); rules != nil && rules.Kind == node.List {
		for _, rv := range rules.List {
			r.Rules = append(r.Rules, kubernetes.PolicyRule{
				Meta:      model.Meta{Range: rangeOf(rv, obj.Range), Explicit: true, Unknown: rv.Kind != node.Map || !allText(rv, "apiGroups", "resources", "verbs", "resourceNames")},
				APIGroups: textList(rv.Get("apiGroups")), Resources: textList(rv.Get("resources")),
				Verbs: textList(rv.Get("verbs")), ResourceNames: textList(rv.Get("resourceNames")),
			})
		}
	} else if rules != nil && rules.Kind != node.Null {
		r.Rules = append(r.Rules, kubernetes.PolicyRule{Meta: model.Meta{Range: rangeOf(rules, obj.Range), Unknown: true}})
	}
	a.m.Roles = append(a.m.Roles, r)
}

// roleBinding reads a RoleBinding or ClusterRoleBinding. A subject's
// ServiceAccount namespace defaults to the binding's.
func (a *adapter) roleBinding(obj kubernetes.Object, doc *node.Value) {
	ref := doc.Get("roleRef")
	b := &kubernetes.RoleBinding{Object: obj, Cluster: obj.Kind == "ClusterRoleBinding", RoleRef: rangeOf(ref, obj.Range)}
	b.RoleKind, _ = ref.Get("kind").Text()
	b.RoleName, _ = ref.Get("name").Text()
	if subs := doc.Get("subjects"); subs != nil && subs.Kind == node.List {
		for _, sv := range subs.List {
			s := kubernetes.Subject{Meta: model.Meta{Range: rangeOf(sv, obj.Range), Explicit: true}}
			var ok1, ok2 bool
			s.Kind, ok1 = sv.Get("kind").Text()
			s.Name, ok2 = sv.Get("name").Text()
			s.Unknown = !ok1 || !ok2
			s.Namespace, _ = sv.Get("namespace").Text()
			if s.Kind == "ServiceAccount" && s.Namespace == "" {
				s.Namespace = obj.Namespace
			}
			b.Subjects = append(b.Subjects, s)
		}
	}
	a.m.RoleBindings = append(a.m.RoleBindings, b)
}

// textList reads a list of strings; an element that is not text is kept as
// its JSON (allText tells).
func textList(v *node.Value) []string {
	var out []string
	for _, s := range texts(v) {
		out = append(out, s.Value)
	}
	return out
}

// allText reports whether the lists under the keys hold only text.
func allText(v *node.Value, keys ...string) bool {
	for _, k := range keys {
		l := v.Get(k)
		if l == nil {
			continue
		}
		if l.Kind != node.List {
			return false
		}
		for _, e := range l.List {
			if _, ok := e.Text(); !ok {
				return false
			}
		}
	}
	return true
}
