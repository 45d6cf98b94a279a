// Package kubeflow holds the rules on Kubeflow Notebooks.
package kubeflow

import (
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-KUBEFLOW-001", Slug: "kubeflow-notebook-default-editor",
			Title:    "Kubeflow Notebook runs as the profile's default-editor",
			Severity: rule.Medium, Category: rule.Identity,
			Provider: "kubernetes", Service: "kubeflow",
			Resources:  []string{"Notebook"},
			Frameworks: framework.LeastPrivilege(),
			Rationale: "default-editor can create, change and delete most objects of the profile namespace: every model " +
				"server, pipeline run and Secret of the team. Code a notebook user runs (or a package it installs) gets all of it.",
			Remediation: "Give notebooks a service account bound to what they need (read data, submit pipelines), and do not " +
				"mount its token where it is not needed.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  template:
    spec:
      serviceAccountName: notebook-reader`},
			Defaults:   []string{"the Kubeflow notebook UI sets serviceAccountName: default-editor"},
			References: []string{"https://www.kubeflow.org/docs/components/notebooks/api-reference/notebook-v1/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Pods(in, func(w *kubernetes.Workload) []rule.Result {
				sa := w.Pod.ServiceAccount
				if w.Role != kubernetes.RoleNotebook || !sa.Is("default-editor") {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, sa.Meta, w.Path, "default-editor",
					"%s runs as default-editor, which can change everything in namespace %s", w.Address, w.Namespace)}
			})
		},
	})
}
