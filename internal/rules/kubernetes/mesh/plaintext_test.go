package mesh

import (
	"testing"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
)

// TestStrictMTLS: the PeerAuthentication Istio applies to a workload is
// the most specific one that sets a mode.
func TestStrictMTLS(t *testing.T) {
	w := &kubernetes.Workload{Object: kubernetes.Object{Namespace: "rag"}, PodLabels: map[string]string{"app": "tgi"}}
	pa := func(ns, mode string, selector map[string]string) *kubernetes.PeerAuthentication {
		p := &kubernetes.PeerAuthentication{Object: kubernetes.Object{Namespace: ns}, Selector: selector}
		switch mode {
		case "":
		case "?":
			p.Modes = []model.String{{Meta: model.Meta{Unknown: true}}}
		default:
			p.Modes = []model.String{{Value: mode}}
		}
		return p
	}
	tgi, other := map[string]string{"app": "tgi"}, map[string]string{"app": "retriever"}
	for _, tc := range []struct {
		name          string
		pas           []*kubernetes.PeerAuthentication
		strict, known bool
	}{
		{"no policy", nil, false, true},
		{"mesh-wide STRICT", []*kubernetes.PeerAuthentication{pa("istio-system", "STRICT", nil)}, true, true},
		{"namespace PERMISSIVE over mesh STRICT", []*kubernetes.PeerAuthentication{pa("istio-system", "STRICT", nil), pa("rag", "PERMISSIVE", nil)}, false, true},
		{"namespace without a mode inherits the mesh's", []*kubernetes.PeerAuthentication{pa("istio-system", "STRICT", nil), pa("rag", "", nil)}, true, true},
		{"UNSET inherits", []*kubernetes.PeerAuthentication{pa("istio-system", "STRICT", nil), pa("rag", "UNSET", nil)}, true, true},
		{"the pods' STRICT over namespace PERMISSIVE", []*kubernetes.PeerAuthentication{pa("rag", "PERMISSIVE", nil), pa("rag", "STRICT", tgi)}, true, true},
		{"STRICT for other pods", []*kubernetes.PeerAuthentication{pa("rag", "PERMISSIVE", nil), pa("rag", "STRICT", other)}, false, true},
		{"another namespace's STRICT", []*kubernetes.PeerAuthentication{pa("search", "STRICT", nil)}, false, true},
		{"a selector in the root namespace is not mesh-wide", []*kubernetes.PeerAuthentication{pa("istio-system", "STRICT", tgi)}, false, true},
		{"deciding mode not known", []*kubernetes.PeerAuthentication{pa("istio-system", "STRICT", nil), pa("rag", "?", nil)}, false, false},
	} {
		m := &kubernetes.Model{PeerAuthentications: tc.pas}
		if strict, known := strictMTLS(m, w); strict != tc.strict || known != tc.known {
			t.Errorf("%s: strict %v known %v, want %v %v", tc.name, strict, known, tc.strict, tc.known)
		}
	}
}
