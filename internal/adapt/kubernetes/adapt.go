// Package kubernetes adapts Kubernetes objects into the typed Kubernetes
// model. It knows where each kind keeps its pod templates (Deployments,
// Jobs, KServe, Seldon, Kubeflow, KubeRay) and the API's defaults for fields
// a manifest leaves out.
package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	parse "github.com/mlguard/mlguard/internal/parse/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
)

type adapter struct {
	m *kubernetes.Model
}

// Adapt builds the model of a set of objects.
func Adapt(objs []*parse.Object) *kubernetes.Model {
	a := &adapter{m: &kubernetes.Model{}}
	for _, o := range objs {
		a.object(o)
	}
	return a.m
}

// templateKinds keep one pod template at spec.template.spec.
var templateKinds = map[string]bool{
	"Deployment": true, "StatefulSet": true, "DaemonSet": true, "ReplicaSet": true,
	"ReplicationController": true, "Job": true,
}

func (a *adapter) object(o *parse.Object) {
	obj := objectOf(o)
	spec := o.Doc.Get("spec")
	switch group := o.Group(); {
	case group == "" && o.Kind == "Pod":
		a.workload(obj, spec, "spec", "")
	case templateKinds[o.Kind] && (group == "apps" || group == "batch" || group == "" || group == "extensions"):
		if w := a.workload(obj, spec.Path("template", "spec"), "spec.template.spec", ""); w != nil {
			w.PodLabels = textMap(spec.Path("template", "metadata", "labels"))
		}
	case group == "batch" && o.Kind == "CronJob":
		a.workload(obj, spec.Path("jobTemplate", "spec", "template", "spec"), "spec.jobTemplate.spec.template.spec", "")
	case group == "kubeflow.org" && o.Kind == "Notebook":
		a.workload(obj, spec.Path("template", "spec"), "spec.template.spec", kubernetes.RoleNotebook)
	case group == "kubeflow.org" && strings.HasSuffix(o.Kind, "Job"):
		a.trainingJob(obj, spec)
	case group == "serving.kserve.io" && o.Kind == "InferenceService":
		a.inferenceService(obj, o.Doc, spec)
	case group == "serving.kserve.io" && (o.Kind == "ServingRuntime" || o.Kind == "ClusterServingRuntime"):
		if w := a.workload(obj, spec, "spec", kubernetes.RoleServing); w != nil {
			// A runtime is a template for the predictors that use it: their
			// pods take the service account of the InferenceService, which
			// the runtime cannot know.
			w.Pod.ServiceAccount.Unknown, w.Pod.AutomountToken.Unknown = true, true
		}
	case group == "serving.kserve.io" && o.Kind == "TrainedModel":
		a.modelStore(obj, spec.Get("model"), "spec.model")
	case group == "machinelearning.seldon.io" && o.Kind == "SeldonDeployment":
		a.seldon(obj, spec)
	case group == "mlops.seldon.io" && o.Kind == "Model":
		a.modelStore(obj, spec, "spec")
	case group == "ray.io" && o.Kind == "RayCluster":
		a.rayCluster(obj, spec, "spec")
	case group == "ray.io" && o.Kind == "RayService":
		a.rayCluster(obj, spec.Get("rayClusterConfig"), "spec.rayClusterConfig")
	case group == "ray.io" && o.Kind == "RayJob":
		if rc := spec.Get("rayClusterSpec"); rc != nil {
			a.rayCluster(obj, rc, "spec.rayClusterSpec")
		}
		if sub := spec.Path("submitterPodTemplate", "spec"); sub != nil {
			a.workload(obj, sub, "spec.submitterPodTemplate.spec", kubernetes.RoleRay)
		}
	case group == "" && o.Kind == "Service":
		a.service(obj, o.Doc, spec)
	case group == "networking.k8s.io" && o.Kind == "Ingress", group == "extensions" && o.Kind == "Ingress":
		a.ingress(obj, spec)
	case group == "networking.k8s.io" && o.Kind == "NetworkPolicy":
		a.m.NetworkPolicies = append(a.m.NetworkPolicies, &kubernetes.NetworkPolicy{Object: obj})
	case group == "security.istio.io" && o.Kind == "PeerAuthentication":
		a.peerAuthentication(obj, spec)
	case group == "networking.istio.io" && o.Kind == "DestinationRule":
		a.destinationRule(obj, spec)
	case group == "networking.istio.io" && o.Kind == "Gateway":
		a.gateway(obj, spec)
	case group == "networking.istio.io" && o.Kind == "VirtualService":
		a.virtualService(obj, spec)
	case group == "cert-manager.io" && o.Kind == "Certificate":
		a.certificate(obj, spec)
	case group == "" && (o.Kind == "Secret" || o.Kind == "ServiceAccount"):
		a.credentials(obj, o.Doc)
	case group == "" && o.Kind == "ConfigMap":
		a.configMap(obj, o.Doc)
	case group == "rbac.authorization.k8s.io" && (o.Kind == "Role" || o.Kind == "ClusterRole"):
		a.rbacRole(obj, o.Doc)
	case group == "rbac.authorization.k8s.io" && (o.Kind == "RoleBinding" || o.Kind == "ClusterRoleBinding"):
		a.roleBinding(obj, o.Doc)
	case group == "" && o.Kind == "Namespace":
		a.m.Namespaces = append(a.m.Namespaces, &kubernetes.Namespace{Object: obj})
	}
}

func objectOf(o *parse.Object) kubernetes.Object {
	ns := o.Namespace
	if ns == "" {
		ns = "default"
	}
	addr := o.Kind + "/" + ns + "/" + o.Name
	switch o.Kind {
	case "Namespace":
		ns, addr = o.Name, "Namespace/"+o.Name
	case "ClusterRole", "ClusterRoleBinding":
		ns, addr = "", o.Kind+"/"+o.Name // cluster-scoped
	}
	meta := o.Doc.Get("metadata")
	return kubernetes.Object{
		Resource:    model.Resource{Address: addr, Type: o.Kind, Range: o.Range, Format: parse.Format},
		Kind:        o.Kind,
		Namespace:   ns,
		Name:        o.Name,
		Labels:      textMap(meta.Get("labels")),
		Annotations: textMap(meta.Get("annotations")),
	}
}

// workload adds the pod template at spec; role "" is refined from the
// images it runs (a Deployment of Triton is a model server).
func (a *adapter) workload(obj kubernetes.Object, spec *node.Value, path, role string) *kubernetes.Workload {
	if spec == nil || spec.Kind != node.Map {
		return nil
	}
	w := &kubernetes.Workload{Object: obj, Path: path, Role: role, PodLabels: obj.Labels, Pod: podSpec(spec, obj.Range)}
	if w.Role == "" {
		w.Role = roleOfImages(w.Pod.Containers)
	}
	a.m.Workloads = append(a.m.Workloads, w)
	return w
}

// trainingJob reads the Kubeflow training operator jobs (PyTorchJob,
// TFJob, MPIJob, XGBoostJob, PaddleJob, JAXJob): one pod template per replica
// type under spec.<x>ReplicaSpecs.
func (a *adapter) trainingJob(obj kubernetes.Object, spec *node.Value) {
	if spec == nil {
		return
	}
	for _, k := range spec.Keys {
		if !strings.HasSuffix(k, "ReplicaSpecs") {
			continue
		}
		rs := spec.Map[k]
		for _, typ := range rs.Keys {
			a.workload(obj, rs.Map[typ].Path("template", "spec"), fmt.Sprintf("spec.%s.%s.template.spec", k, typ), kubernetes.RoleTraining)
		}
	}
}

// servingImages are the names of model servers' images: a plain Deployment
// running one of them serves models.
var servingImages = []string{
	"tritonserver", "tensorflow/serving", "torchserve", "vllm", "text-generation-inference",
	"kserve", "seldon", "mlserver", "bentoml", "ollama", "sglang", "tgi-gaudi", "huggingface-pytorch-inference",
	"openvino/model_server", "llama.cpp", "ray-ml",
}

// controlPlane reports whether an image is a project's controller, operator
// or webhook (kserve/kserve-controller, seldonio/seldon-core-operator): it
// manages model servers and serves no model.
func controlPlane(img string) bool {
	name := img[strings.LastIndexByte(img, '/')+1:]
	name, _, _ = strings.Cut(name, "@")
	name, _, _ = strings.Cut(name, ":")
	return strings.Contains(name, "controller") || strings.Contains(name, "operator") || strings.Contains(name, "webhook")
}

func roleOfImages(cs []*kubernetes.Container) string {
	for _, c := range cs {
		img := strings.ToLower(c.Image.Value)
		if controlPlane(img) {
			continue
		}
		if slices.ContainsFunc(servingImages, func(s string) bool { return strings.Contains(img, s) }) {
			return kubernetes.RoleServing
		}
	}
	return ""
}
