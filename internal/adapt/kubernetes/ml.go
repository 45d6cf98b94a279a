package kubernetes

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
)

// KServe names.
const (
	deploymentModeAnnotation = "serving.kserve.io/deploymentMode"
	knativeVisibility        = "networking.knative.dev/visibility"
	kserveVisibility         = "networking.kserve.io/visibility"
)

// kserveModelKeys are the keys of a KServe component that hold the model
// container inline: the generic model spec and the framework specs.
var kserveModelKeys = []string{
	"model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "huggingface",
	"pmml", "lightgbm", "paddle", "art", "alibi",
}

// inferenceService reads a KServe InferenceService: each component
// (predictor, transformer, explainer) is a pod spec with its fields inline,
// plus the model container written on a framework key.
func (a *adapter) inferenceService(obj kubernetes.Object, doc, spec *node.Value) {
	meta := doc.Get("metadata")
	isvc := &kubernetes.InferenceService{Object: obj}
	isvc.DeploymentMode = annotation(meta, obj.Range, "annotations", deploymentModeAnnotation)
	if !isvc.DeploymentMode.Explicit {
		isvc.DeploymentMode.Value = "Serverless"
	}
	label := knativeVisibility
	if m := isvc.DeploymentMode.Value; m == "RawDeployment" || m == "Standard" {
		label = kserveVisibility
	}
	isvc.Visibility = annotation(meta, obj.Range, "labels", label)
	for _, comp := range []string{"predictor", "transformer", "explainer"} {
		c := spec.Get(comp)
		if c == nil || c.Kind != node.Map {
			continue
		}
		path := "spec." + comp
		w := a.workload(obj, c, path, kubernetes.RoleServing)
		for _, k := range kserveModelKeys {
			mc := c.Get(k)
			if mc == nil || mc.Kind != node.Map {
				continue
			}
			ct := container(mc, k, false, &w.Pod)
			if ct.Name == "" {
				ct.Name = "kserve-container"
			}
			w.Pod.Containers = append(w.Pod.Containers, ct)
			isvc.StorageURIs = append(isvc.StorageURIs, storageURIs(mc, path+"."+k)...)
		}
		if u := str(c.Get("logger"), c.Range, "url", ""); u.Explicit {
			isvc.LoggerURLs = append(isvc.LoggerURLs, u)
		}
	}
	a.m.InferenceServices = append(a.m.InferenceServices, isvc)
}

// storageURIs reads storageUri and storageUris[].uri of a model spec.
func storageURIs(v *node.Value, path string) []kubernetes.StorageURI {
	var out []kubernetes.StorageURI
	for _, key := range []string{"storageUri", "modelUri"} {
		if u := str(v, v.Range, key, ""); u.Explicit {
			out = append(out, kubernetes.StorageURI{Path: path + "." + key, URI: u})
		}
	}
	if list := v.Get("storageUris"); list != nil {
		for i, e := range list.List {
			if u := str(e, e.Range, "uri", ""); u.Explicit {
				out = append(out, kubernetes.StorageURI{Path: fmt.Sprintf("%s.storageUris[%d].uri", path, i), URI: u})
			}
		}
	}
	return out
}

func (a *adapter) modelStore(obj kubernetes.Object, v *node.Value, path string) {
	if v == nil {
		return
	}
	a.m.ModelStores = append(a.m.ModelStores, &kubernetes.ModelStore{Object: obj, StorageURIs: storageURIs(v, path)})
}

// seldon reads a Seldon Core v1 SeldonDeployment: the pod specs of each
// predictor's componentSpecs, and the model URIs of its inference graph.
func (a *adapter) seldon(obj kubernetes.Object, spec *node.Value) {
	sd := &kubernetes.SeldonDeployment{
		Object:      obj,
		OAuthKey:    str(spec, obj.Range, "oauth_key", ""),
		OAuthSecret: str(spec, obj.Range, "oauth_secret", ""),
	}
	if preds := spec.Get("predictors"); preds != nil {
		for i, p := range preds.List {
			if cs := p.Get("componentSpecs"); cs != nil {
				for j, c := range cs.List {
					a.workload(obj, c.Get("spec"), fmt.Sprintf("spec.predictors[%d].componentSpecs[%d].spec", i, j), kubernetes.RoleServing)
				}
			}
			sd.StorageURIs = append(sd.StorageURIs, graphURIs(p.Get("graph"), fmt.Sprintf("spec.predictors[%d].graph", i))...)
		}
	}
	a.m.SeldonDeployments = append(a.m.SeldonDeployments, sd)
}

// graphURIs walks a Seldon inference graph; its depth is bounded by the
// decoder's nesting limit.
func graphURIs(g *node.Value, path string) []kubernetes.StorageURI {
	if g == nil || g.Kind != node.Map {
		return nil
	}
	out := storageURIs(g, path)
	if ch := g.Get("children"); ch != nil {
		for i, c := range ch.List {
			out = append(out, graphURIs(c, fmt.Sprintf("%s.children[%d]", path, i))...)
		}
	}
	return out
}

// rayCluster reads a KubeRay cluster spec at path of the object.
func (a *adapter) rayCluster(obj kubernetes.Object, spec *node.Value, path string) {
	if spec == nil || spec.Kind != node.Map {
		return
	}
	head := spec.Get("headGroupSpec")
	rc := &kubernetes.RayCluster{
		Object:        obj,
		Path:          path,
		AuthMode:      str(spec.Get("authOptions"), spec.Range, "mode", "disabled"),
		HeadService:   str(head, spec.Range, "serviceType", "ClusterIP"),
		RedisPassword: str(spec.Path("gcsFaultToleranceOptions", "redisPassword"), spec.Range, "value", ""),
	}
	if w := a.workload(obj, head.Path("template", "spec"), path+".headGroupSpec.template.spec", kubernetes.RoleRay); w != nil {
		for _, c := range w.Pod.Containers {
			for _, e := range c.Env {
				if e.Name == "RAY_AUTH_MODE" && e.Value.Is("token") {
					rc.HeadEnvAuth = true
				}
			}
			if strings.Contains(c.Image.Value, "kube-rbac-proxy") {
				rc.HeadAuthProxy = true
			}
		}
	}
	if wgs := spec.Get("workerGroupSpecs"); wgs != nil {
		for i, g := range wgs.List {
			a.workload(obj, g.Path("template", "spec"), fmt.Sprintf("%s.workerGroupSpecs[%d].template.spec", path, i), kubernetes.RoleRay)
		}
	}
	a.m.RayClusters = append(a.m.RayClusters, rc)
}

// internalLB are the annotations that make a cloud load balancer internal,
// with the values that do.
var internalLB = map[string][]string{
	"service.beta.kubernetes.io/aws-load-balancer-internal":   {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme":     {"internal"},
	"networking.gke.io/load-balancer-type":                    {"Internal"},
	"cloud.google.com/load-balancer-type":                     {"Internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"service.beta.kubernetes.io/oci-load-balancer-internal":   {"true"},
}

func (a *adapter) service(obj kubernetes.Object, doc, spec *node.Value) {
	s := &kubernetes.Service{Object: obj, Type: str(spec, obj.Range, "type", "ClusterIP"), Selector: textMap(spec.Get("selector"))}
	for k, vals := range internalLB {
		for _, v := range vals {
			if strings.EqualFold(obj.Annotations[k], v) {
				s.Internal = true
			}
		}
	}
	if rs := spec.Get("loadBalancerSourceRanges"); rs != nil {
		for _, r := range texts(rs) {
			s.SourceRanges = append(s.SourceRanges, r.Value)
		}
	}
	if ports := spec.Get("ports"); ports != nil && ports.Kind == node.List {
		for _, p := range ports.List {
			port := integer(p, p.Range, "port")
			s.Ports = append(s.Ports, kubernetes.ServicePort{Meta: model.Meta{Range: p.Range, Explicit: true, Unknown: port.Unknown},
				Name: str(p, p.Range, "name", "").Value, Port: port.Value, AppProtocol: str(p, p.Range, "appProtocol", "").Value})
		}
	}
	a.m.Services = append(a.m.Services, s)
}

func (a *adapter) peerAuthentication(obj kubernetes.Object, spec *node.Value) {
	pa := &kubernetes.PeerAuthentication{Object: obj, Selector: textMap(spec.Get("selector").Get("matchLabels"))}
	if m := str(spec.Get("mtls"), obj.Range, "mode", ""); m.Explicit {
		pa.Modes = append(pa.Modes, m)
	}
	if ports := spec.Get("portLevelMtls"); ports != nil {
		for _, p := range ports.Keys {
			if m := str(ports.Map[p], ports.Range, "mode", ""); m.Explicit {
				pa.Modes = append(pa.Modes, m)
			}
		}
	}
	a.m.PeerAuthentications = append(a.m.PeerAuthentications, pa)
}

// credentials reads Secrets and ServiceAccounts: KServe's S3 annotations on
// either, and a service account's token automount.
func (a *adapter) credentials(obj kubernetes.Object, doc *node.Value) {
	meta := doc.Get("metadata")
	// KServe reads its own annotations, and those of KFServing, its former
	// name, which older manifests and samples still carry.
	for _, prefix := range []string{"serving.kserve.io", "serving.kubeflow.org"} {
		ss := &kubernetes.StorageSecret{
			Object: obj, Prefix: prefix,
			UseHTTPS:  annotation(meta, obj.Range, "annotations", prefix+"/s3-usehttps"),
			VerifySSL: annotation(meta, obj.Range, "annotations", prefix+"/s3-verifyssl"),
		}
		if ss.UseHTTPS.Explicit || ss.VerifySSL.Explicit {
			a.m.StorageSecrets = append(a.m.StorageSecrets, ss)
			break
		}
	}
	if obj.Kind == "Secret" {
		a.secret(obj, doc)
	}
	if obj.Kind == "ServiceAccount" {
		a.m.ServiceAccounts = append(a.m.ServiceAccounts, &kubernetes.ServiceAccount{Object: obj,
			AutomountToken: boolean(doc, obj.Range, "automountServiceAccountToken", true)})
	}
}

// secret reads a Secret's values: data base64-decoded (a value that does
// not decode is kept as written), stringData as it is.
func (a *adapter) secret(obj kubernetes.Object, doc *node.Value) {
	sec := &kubernetes.Secret{Object: obj, Type: str(doc, obj.Range, "type", "Opaque"),
		Data: model.StringMap{Meta: model.Meta{Range: obj.Range}, Values: map[string]model.String{}}}
	for _, field := range []string{"data", "stringData"} {
		m := doc.Get(field)
		if m == nil || m.Kind != node.Map {
			continue
		}
		sec.Data.Meta = model.Meta{Range: m.Range, Explicit: true}
		for _, k := range m.Keys {
			v := str(m, m.Range, k, "")
			if field == "data" {
				if dec, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v.Value)); err == nil && utf8.Valid(dec) {
					v.Value = string(dec)
				}
			}
			sec.Data.Values[k] = v
		}
	}
	a.m.Secrets = append(a.m.Secrets, sec)
}

// configMap reads a ConfigMap's data, which is plain text.
func (a *adapter) configMap(obj kubernetes.Object, doc *node.Value) {
	cm := &kubernetes.Secret{Object: obj, Type: model.String{Meta: model.Meta{Range: obj.Range}},
		Data: model.StringMap{Meta: model.Meta{Range: obj.Range}, Values: map[string]model.String{}}}
	if m := doc.Get("data"); m != nil && m.Kind == node.Map {
		cm.Data.Meta = model.Meta{Range: m.Range, Explicit: true}
		for _, k := range m.Keys {
			cm.Data.Values[k] = str(m, m.Range, k, "")
		}
	}
	a.m.ConfigMaps = append(a.m.ConfigMaps, cm)
}

// ingressSourceRanges are the annotations that admit only some client
// ranges to an Ingress (comma-separated CIDRs).
var ingressSourceRanges = []string{"nginx.ingress.kubernetes.io/whitelist-source-range",
	"nginx.ingress.kubernetes.io/allowlist-source-range", "alb.ingress.kubernetes.io/inbound-cidrs"}

// ingressCertificates are the annotations by which a cloud's controller
// serves an Ingress over TLS without spec.tls: the ALB's ACM certificates,
// GKE's pre-shared and Google-managed certificates.
var ingressCertificates = []string{"alb.ingress.kubernetes.io/certificate-arn",
	"ingress.gcp.kubernetes.io/pre-shared-cert", "networking.gke.io/managed-certificates"}

func (a *adapter) ingress(obj kubernetes.Object, spec *node.Value) {
	ing := &kubernetes.Ingress{Object: obj, Backends: ingressBackends(spec), TLS: ingressTLS(obj, spec)}
	class := obj.Annotations["kubernetes.io/ingress.class"]
	if c := str(spec, obj.Range, "ingressClassName", ""); c.Explicit {
		class = c.Value
	}
	// The AWS Load Balancer Controller makes internal load balancers unless
	// told otherwise (alb.ingress.kubernetes.io/scheme defaults to internal).
	ing.Internal = class == "alb" && obj.Annotations["alb.ingress.kubernetes.io/scheme"] != "internet-facing" || class == "gce-internal"
	for _, k := range ingressSourceRanges {
		for _, r := range strings.Split(obj.Annotations[k], ",") {
			if r = strings.TrimSpace(r); r != "" && r != "0.0.0.0/0" {
				ing.SourceRanges = append(ing.SourceRanges, r)
			}
		}
	}
	a.m.Ingresses = append(a.m.Ingresses, ing)
}

// ingressTLS is whether an Ingress serves TLS: spec.tls lists a host or
// secret, or a controller's annotation gives its load balancer a
// certificate. An ALB with a certificate listens on HTTPS:443 only, unless
// its listen-ports add plain HTTP without a redirect.
func ingressTLS(obj kubernetes.Object, spec *node.Value) model.Bool {
	tls := spec.Get("tls")
	if tls != nil && len(tls.List) > 0 {
		return model.Bool{Meta: model.Meta{Range: rangeOf(tls, rangeOf(spec, obj.Range)), Explicit: true}, Value: true}
	}
	albHTTP := strings.Contains(obj.Annotations["alb.ingress.kubernetes.io/listen-ports"], `"HTTP"`) &&
		obj.Annotations["alb.ingress.kubernetes.io/ssl-redirect"] == ""
	for _, k := range ingressCertificates {
		if obj.Annotations[k] != "" && !(albHTTP && strings.HasPrefix(k, "alb.")) {
			return model.Bool{Meta: model.Meta{Range: obj.Range, Explicit: true}, Value: true}
		}
	}
	return model.Bool{Meta: model.Meta{Range: rangeOf(tls, rangeOf(spec, obj.Range)), Explicit: tls != nil}}
}

// ingressBackends are the Services an Ingress sends to: its default backend
// and every path's, in networking.k8s.io/v1 (backend.service.name) and in
// the older extensions/v1beta1 form (backend.serviceName).
func ingressBackends(spec *node.Value) []kubernetes.IngressBackend {
	var out []kubernetes.IngressBackend
	add := func(b *node.Value) {
		if b == nil {
			return
		}
		name := str(b.Get("service"), b.Range, "name", "")
		if !name.Explicit {
			name = str(b, b.Range, "serviceName", "")
		}
		if name.Explicit {
			out = append(out, kubernetes.IngressBackend{Meta: name.Meta, Service: name.Value})
		}
	}
	add(spec.Get("defaultBackend"))
	add(spec.Get("backend"))
	if rules := spec.Get("rules"); rules != nil && rules.Kind == node.List {
		for _, r := range rules.List {
			paths := r.Path("http", "paths")
			if paths == nil || paths.Kind != node.List {
				continue
			}
			for _, p := range paths.List {
				add(p.Get("backend"))
			}
		}
	}
	return out
}
