// Package pod holds the Kubernetes rules on pod templates: privileges, host
// access, identity, images, secrets and limits of every container, wherever
// the pod template sits (Deployments and Jobs, KServe components, Seldon
// component specs, Kubeflow Notebooks and training jobs, Ray groups).
package pod

import (
	"github.com/mlguard/mlguard/internal/rule"
)

// workloadKinds are the kinds that carry pod templates.
var workloadKinds = []string{
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob",
	"InferenceService", "ServingRuntime", "ClusterServingRuntime", "SeldonDeployment",
	"Notebook", "PyTorchJob", "TFJob", "MPIJob", "RayCluster", "RayService", "RayJob",
}

const podSecurity = "https://kubernetes.io/docs/concepts/security/pod-security-standards/"

func register(r *rule.Rule) {
	r.Provider, r.Service = "kubernetes", "pod"
	if r.Resources == nil {
		r.Resources = workloadKinds
	}
	rule.Register(r)
}
