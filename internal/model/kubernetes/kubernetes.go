// Package kubernetes is the typed model of the Kubernetes objects that serve
// and train models: every pod template wherever it sits (Deployments, Jobs,
// KServe InferenceServices, Seldon deployments, Kubeflow Notebooks, Ray
// clusters, training jobs), the ML settings around them, and the Services,
// Ingresses, NetworkPolicies and mesh policies that expose or fence them.
//
// Resources are named Kind/namespace/name; an object that does not name its
// namespace is placed in "default", where kubectl applies it without -n.
package kubernetes

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/source"
)

// Model is every Kubernetes object of one scan.
type Model struct {
	Workloads           []*Workload           `json:"workloads,omitempty"`
	InferenceServices   []*InferenceService   `json:"inference_services,omitempty"`
	SeldonDeployments   []*SeldonDeployment   `json:"seldon_deployments,omitempty"`
	ModelStores         []*ModelStore         `json:"model_stores,omitempty"`
	RayClusters         []*RayCluster         `json:"ray_clusters,omitempty"`
	Services            []*Service            `json:"services,omitempty"`
	Ingresses           []*Ingress            `json:"ingresses,omitempty"`
	NetworkPolicies     []*NetworkPolicy      `json:"network_policies,omitempty"`
	PeerAuthentications []*PeerAuthentication `json:"peer_authentications,omitempty"`
	StorageSecrets      []*StorageSecret      `json:"storage_secrets,omitempty"`
	Secrets             []*Secret             `json:"secrets,omitempty"`
	ConfigMaps          []*Secret             `json:"config_maps,omitempty"`
	ServiceAccounts     []*ServiceAccount     `json:"service_accounts,omitempty"`
	Namespaces          []*Namespace          `json:"namespaces,omitempty"`
	Roles               []*RBACRole           `json:"rbac_roles,omitempty"`
	RoleBindings        []*RoleBinding        `json:"role_bindings,omitempty"`
	DestinationRules    []*DestinationRule    `json:"destination_rules,omitempty"`
	Gateways            []*Gateway            `json:"gateways,omitempty"`
	VirtualServices     []*VirtualService     `json:"virtual_services,omitempty"`
	Certificates        []*Certificate        `json:"certificates,omitempty"`
}

// Object is what every Kubernetes resource of the model carries.
type Object struct {
	model.Resource
	Kind        string            `json:"kind"`
	Namespace   string            `json:"namespace"`
	Name        string            `json:"name"`
	Labels      map[string]string `json:"labels,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

// Workload is one pod template: a Pod, the template of a Deployment or Job,
// or one component of an ML object (the predictor of an InferenceService, the
// head group of a Ray cluster). An object with several pod templates gives
// several workloads that share its Resource and differ in Path.
type Workload struct {
	Object
	// Path is where the pod template sits in the object
	// (spec.template.spec, spec.predictor, spec.workerGroupSpecs[0].template.spec).
	Path string `json:"path"`
	// Role says what the pod does for ML: "serving", "training",
	// "notebook", "ray" or "" for an ordinary workload.
	Role string `json:"role,omitempty"`
	// PodLabels are the labels of the pods (the template's, or the
	// object's where the controller copies them), which Services select.
	PodLabels map[string]string `json:"pod_labels,omitempty"`
	Pod       PodSpec           `json:"pod"`
}

// PodSpec holds the pod-level settings of a template.
type PodSpec struct {
	ServiceAccount model.String `json:"service_account_name"` // default "default"
	AutomountToken model.Bool   `json:"automount_service_account_token"`
	HostNetwork    model.Bool   `json:"host_network"`
	HostPID        model.Bool   `json:"host_pid"`
	HostIPC        model.Bool   `json:"host_ipc"`
	RunAsNonRoot   model.Bool   `json:"run_as_non_root"`
	RunAsUser      model.Int    `json:"run_as_user"` // Meta.Explicit false: not set
	Seccomp        model.String `json:"seccomp_profile_type"`
	Volumes        []Volume     `json:"volumes,omitempty"`
	Containers     []*Container `json:"containers,omitempty"`
}

// Volume is one pod volume; HostPath is set for hostPath volumes.
type Volume struct {
	Name     string       `json:"name"`
	HostPath model.String `json:"host_path"`
}

// Container is one container, init container or ephemeral container. Its
// security settings are the effective ones: the container's own, or the
// pod's where the container leaves them out (runAsNonRoot, runAsUser,
// seccomp).
type Container struct {
	Name  string       `json:"name"`
	Init  bool         `json:"init,omitempty"`
	Path  string       `json:"path"` // containers[0], predictor.model
	Image model.String `json:"image"`
	// SecurityContext is the place of the container's securityContext, or
	// of the container when it has none: where a missing setting goes.
	SecurityContext model.Meta `json:"security_context"`

	Privileged               model.Bool     `json:"privileged"`
	AllowPrivilegeEscalation model.Bool     `json:"allow_privilege_escalation"` // default true
	RunAsNonRoot             model.Bool     `json:"run_as_non_root"`
	RunAsUser                model.Int      `json:"run_as_user"`
	ReadOnlyRootFilesystem   model.Bool     `json:"read_only_root_filesystem"`
	CapabilitiesAdd          []model.String `json:"capabilities_add,omitempty"`
	CapabilitiesDrop         []model.String `json:"capabilities_drop,omitempty"`
	Seccomp                  model.String   `json:"seccomp_profile_type"`

	// Limits maps a resource name (cpu, memory, nvidia.com/gpu) to its limit.
	Limits     map[string]model.String `json:"limits,omitempty"`
	LimitsMeta model.Meta              `json:"limits_meta"`
	Env        []EnvVar                `json:"env,omitempty"`
	Args       []model.String          `json:"args,omitempty"` // command and args
	Ports      []int64                 `json:"ports,omitempty"`
}

// EnvVar is an environment variable with a literal value; variables that
// take their value from a Secret or ConfigMap have FromRef set.
type EnvVar struct {
	Name    string       `json:"name"`
	Value   model.String `json:"value"`
	FromRef bool         `json:"from_ref,omitempty"`
}

// InferenceService is a KServe InferenceService. Its components' pods are
// Workloads with Role "serving".
type InferenceService struct {
	Object
	// DeploymentMode is Serverless (the default), RawDeployment / Standard
	// or ModelMesh, from the serving.kserve.io/deploymentMode annotation.
	DeploymentMode model.String `json:"deployment_mode"`
	// Visibility is the cluster-local label that applies in the deployment
	// mode, or empty (exposed through the ingress gateway).
	Visibility  model.String   `json:"visibility"`
	StorageURIs []StorageURI   `json:"storage_uris,omitempty"`
	LoggerURLs  []model.String `json:"logger_urls,omitempty"`
}

// StorageURI is a model location (storageUri, modelUri) and where it sits.
type StorageURI struct {
	Path string       `json:"path"`
	URI  model.String `json:"uri"`
}

// SeldonDeployment is a Seldon Core v1 SeldonDeployment.
type SeldonDeployment struct {
	Object
	OAuthKey    model.String `json:"oauth_key"`
	OAuthSecret model.String `json:"oauth_secret"`
	StorageURIs []StorageURI `json:"storage_uris,omitempty"`
}

// ModelStore is another object that points at model files: a Seldon Core v2
// Model, a KServe TrainedModel or InferenceGraph step.
type ModelStore struct {
	Object
	StorageURIs []StorageURI `json:"storage_uris,omitempty"`
}

// RayCluster is a KubeRay cluster, on its own or inside a RayService or
// RayJob. Its head and worker pods are Workloads with Role "ray".
type RayCluster struct {
	Object
	Path          string       `json:"path"`      // spec, spec.rayClusterConfig, spec.rayClusterSpec
	AuthMode      model.String `json:"auth_mode"` // spec.authOptions.mode; default disabled
	HeadEnvAuth   bool         `json:"head_env_token_auth"`
	HeadAuthProxy bool         `json:"head_auth_proxy"`
	HeadService   model.String `json:"head_service_type"` // default ClusterIP
	RedisPassword model.String `json:"redis_password"`
}

// Service is a core Service.
type Service struct {
	Object
	Type     model.String `json:"type"` // default ClusterIP
	Internal bool         `json:"internal_load_balancer"`
	// SourceRanges are the CIDRs a load balancer admits (all when empty).
	SourceRanges []string          `json:"load_balancer_source_ranges,omitempty"`
	Selector     map[string]string `json:"selector,omitempty"`
	Ports        []ServicePort     `json:"ports,omitempty"`
}

// ServicePort is one port of a Service.
type ServicePort struct {
	model.Meta
	Name        string `json:"name,omitempty"`
	Port        int64  `json:"port"`
	AppProtocol string `json:"app_protocol,omitempty"`
}

// Ingress is a networking.k8s.io Ingress.
type Ingress struct {
	Object
	// TLS is true when spec.tls lists a host or secret, or a controller's
	// certificate annotation (the ALB's certificate-arn, GKE's pre-shared or
	// managed certificates) gives the load balancer one.
	TLS      model.Bool       `json:"tls"`
	Backends []IngressBackend `json:"backends,omitempty"`
	// Internal is true when an internal load balancer serves the Ingress:
	// the AWS Load Balancer Controller's (class alb) unless its scheme is
	// internet-facing, GKE's gce-internal class.
	Internal bool `json:"internal_load_balancer"`
	// SourceRanges are the client ranges its annotations admit
	// (ingress-nginx allowlist-source-range, the ALB's inbound-cidrs).
	SourceRanges []string `json:"source_ranges,omitempty"`
}

// IngressBackend is a Service an Ingress sends requests to.
type IngressBackend struct {
	model.Meta
	Service string `json:"service"`
}

// NetworkPolicy is a networking.k8s.io NetworkPolicy.
type NetworkPolicy struct {
	Object
}

// PeerAuthentication is an Istio PeerAuthentication; Modes lists the mTLS
// modes it sets (spec.mtls.mode and every port-level mode).
type PeerAuthentication struct {
	Object
	Modes []model.String `json:"modes,omitempty"`
	// Selector is spec.selector.matchLabels: the policy applies to the pods
	// it selects; without one, to its namespace (to the mesh in the root
	// namespace istio-system).
	Selector map[string]string `json:"selector,omitempty"`
}

// StorageSecret is a Secret or ServiceAccount annotated with KServe's S3
// settings.
type StorageSecret struct {
	Object
	UseHTTPS  model.String `json:"s3_usehttps"`
	VerifySSL model.String `json:"s3_verifyssl"`
	// Prefix is the annotation prefix used: serving.kserve.io, or
	// serving.kubeflow.org of KFServing.
	Prefix string `json:"annotation_prefix"`
}

// Secret is a core Secret written in a manifest, with its values decoded
// (data is base64, stringData plain); ConfigMaps, whose data is plain, are
// read into the same shape.
type Secret struct {
	Object
	Type model.String    `json:"type"`
	Data model.StringMap `json:"data"`
}

// ServiceAccount is a core ServiceAccount.
type ServiceAccount struct {
	Object
	AutomountToken model.Bool `json:"automount_service_account_token"`
}

// Namespace is a core Namespace.
type Namespace struct {
	Object
}

// Workload roles.
const (
	RoleServing  = "serving"
	RoleTraining = "training"
	RoleNotebook = "notebook"
	RoleRay      = "ray"
)

// RBACRole is a Role (namespaced) or ClusterRole and the permissions it
// grants.
type RBACRole struct {
	Object
	Cluster bool         `json:"cluster"`
	Rules   []PolicyRule `json:"rules,omitempty"`
	// Aggregated is set for a ClusterRole with an aggregationRule: the API
	// server fills its rules from other roles, so they are not all known.
	Aggregated bool `json:"aggregated,omitempty"`
}

// PolicyRule is one rule of a role.
type PolicyRule struct {
	model.Meta
	APIGroups     []string `json:"api_groups,omitempty"`
	Resources     []string `json:"resources,omitempty"`
	Verbs         []string `json:"verbs,omitempty"`
	ResourceNames []string `json:"resource_names,omitempty"`
}

// RoleBinding is a RoleBinding or ClusterRoleBinding.
type RoleBinding struct {
	Object
	Cluster  bool         `json:"cluster"`
	RoleKind string       `json:"role_kind"` // Role or ClusterRole
	RoleName string       `json:"role_name"`
	Subjects []Subject    `json:"subjects,omitempty"`
	RoleRef  source.Range `json:"role_ref_range"` // where roleRef is written
}

// Subject is who a binding grants to.
type Subject struct {
	model.Meta
	Kind      string `json:"kind"` // ServiceAccount, User or Group
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
}

// DestinationRule is an Istio DestinationRule: the TLS its clients use
// toward a host.
type DestinationRule struct {
	Object
	Host string `json:"host"`
	// TLSModes are trafficPolicy.tls.mode and each port's.
	TLSModes []model.String `json:"tls_modes,omitempty"`
}

// Gateway is an Istio Gateway and the servers it opens.
type Gateway struct {
	Object
	Servers []GatewayServer `json:"servers,omitempty"`
}

// GatewayServer is one server of a Gateway.
type GatewayServer struct {
	model.Meta
	Protocol      string   `json:"protocol"` // HTTP, HTTPS, HTTP2, GRPC, TLS, TCP
	Hosts         []string `json:"hosts,omitempty"`
	TLSMode       string   `json:"tls_mode,omitempty"`
	HTTPSRedirect bool     `json:"https_redirect,omitempty"`
}

// VirtualService is an Istio VirtualService: the hosts it routes, through
// which gateways, to which destination hosts.
type VirtualService struct {
	Object
	Hosts        []string `json:"hosts,omitempty"`
	Gateways     []string `json:"gateways,omitempty"`
	Destinations []string `json:"destinations,omitempty"`
}

// Certificate is a cert-manager Certificate.
type Certificate struct {
	Object
	DNSNames   []string     `json:"dns_names,omitempty"`
	SecretName string       `json:"secret_name"`
	Algorithm  model.String `json:"key_algorithm"` // default RSA
	Size       model.Int    `json:"key_size"`      // default 2048 (RSA), 256 (ECDSA)
	Duration   model.String `json:"duration"`      // default 2160h (90 days)
}
