// Package gcp is the typed model of the Google Cloud resources mlguard
// reasons about: Vertex AI and its Workbench notebooks, the Cloud Storage
// buckets and Cloud KMS keys ML data sits in, the IAM grants around them,
// and the VPC Service Controls perimeters that should fence them.
package gcp

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
)

// Model is every Google Cloud resource of one scan.
type Model struct {
	Notebooks          []*Notebook          `json:"notebooks,omitempty"`
	Endpoints          []*Endpoint          `json:"vertex_endpoints,omitempty"`
	Encrypted          []*Encrypted         `json:"vertex_encrypted_resources,omitempty"`
	ReasoningEngines   []*ReasoningEngine   `json:"reasoning_engines,omitempty"`
	GardenDeployments  []*GardenDeployment  `json:"model_garden_deployments,omitempty"`
	Buckets            []*Bucket            `json:"buckets,omitempty"`
	CryptoKeys         []*CryptoKey         `json:"crypto_keys,omitempty"`
	Grants             []*Grant             `json:"iam_grants,omitempty"`
	ServiceAccountKeys []*ServiceAccountKey `json:"service_account_keys,omitempty"`
	Perimeters         []*Perimeter         `json:"service_perimeters,omitempty"`
	AuditConfigs       []*AuditConfig       `json:"audit_configs,omitempty"`
	Repositories       []*Repository        `json:"artifact_repositories,omitempty"`
}

// Repository is an Artifact Registry repository, where training and
// serving images are kept.
type Repository struct {
	model.Resource
	Format model.String `json:"format"`
	// Scanning is vulnerability_scanning_config.enablement_config:
	// INHERITED (the default: scanned when the project has the Container
	// Scanning API on) or DISABLED.
	Scanning model.String `json:"vulnerability_scanning"`
}

// Notebook is a Vertex AI Workbench instance (google_workbench_instance),
// a legacy user-managed notebook (google_notebooks_instance) or a managed
// notebook runtime (google_notebooks_runtime).
type Notebook struct {
	model.Resource
	// PublicIP is true when the VM gets an external address.
	PublicIP            model.Bool `json:"public_ip"`
	Disks               []Disk     `json:"disks,omitempty"`
	SecureBoot          model.Bool `json:"secure_boot"`
	VTPM                model.Bool `json:"vtpm"`
	IntegrityMonitoring model.Bool `json:"integrity_monitoring"`
	// ServiceAccount is the VM's service account; empty with Explicit
	// false means the Compute Engine default service account.
	ServiceAccount model.String            `json:"service_account"`
	Metadata       map[string]model.String `json:"metadata,omitempty"`
	MetadataMeta   model.Meta              `json:"metadata_meta"`
	IPForwarding   model.Bool              `json:"ip_forwarding"`
	ImageTag       model.String            `json:"container_image_tag"`
	ContainerImage bool                    `json:"container_image"`
}

// Disk is a boot or data disk of a notebook VM.
type Disk struct {
	Name       string       `json:"name"`            // boot_disk, data_disks
	Encryption model.String `json:"disk_encryption"` // GMEK (Google-managed) or CMEK
	KMSKey     model.Ref    `json:"kms_key"`
}

// Endpoint is a Vertex AI endpoint or index endpoint.
type Endpoint struct {
	model.Resource
	Network model.Ref  `json:"network"`
	PSC     model.Bool `json:"private_service_connect"`
	// PublicEndpoint is set on index endpoints (public_endpoint_enabled).
	PublicEndpoint model.Bool `json:"public_endpoint_enabled"`
	KMSKey         model.Ref  `json:"kms_key"`
}

// Encrypted is a Vertex AI resource that takes a customer-managed key in
// encryption_spec: datasets, featurestores, online stores, indexes,
// metadata stores, tensorboards, reasoning engines.
type Encrypted struct {
	model.Resource
	KMSKey model.Ref `json:"kms_key"`
	// DedicatedPublic is set on optimized feature online stores whose
	// dedicated serving endpoint has no Private Service Connect.
	DedicatedPublic model.Bool `json:"dedicated_endpoint_public"`
}

// ReasoningEngine is a Vertex AI Agent Engine deployment.
type ReasoningEngine struct {
	model.Resource
	Env model.StringMap `json:"env"`
}

// GardenDeployment is a Model Garden deployment to an endpoint.
type GardenDeployment struct {
	model.Resource
	HuggingFaceToken model.String `json:"hugging_face_access_token"`
}

// Bucket is a Cloud Storage bucket.
type Bucket struct {
	model.Resource
	Name                   model.String `json:"name"`
	UniformAccess          model.Bool   `json:"uniform_bucket_level_access"`
	PublicAccessPrevention model.String `json:"public_access_prevention"` // inherited or enforced
	KMSKey                 model.Ref    `json:"kms_key"`
	Versioning             model.Bool   `json:"versioning"`
	// Logging is whether usage and storage logs are written (a logging
	// block with a log_bucket); default off.
	Logging model.Bool `json:"logging"`
}

// AuditConfig turns on Data Access audit logs for a service in a project,
// folder or organization (google_*_iam_audit_config).
type AuditConfig struct {
	model.Resource
	Service  model.String `json:"service"` // storage.googleapis.com, allServices
	LogTypes []string     `json:"log_types,omitempty"`
	// Known is false when a log type or the service is unknown before apply.
	Known bool `json:"known"`
}

// Covers reports whether the config logs a kind of access (DATA_READ,
// DATA_WRITE, ADMIN_READ) to a service.
func (c *AuditConfig) Covers(service, logType string) bool {
	return c.Service.Known() && (c.Service.Value == service || c.Service.Value == "allServices") && slices.Contains(c.LogTypes, logType)
}

// CryptoKey is a Cloud KMS key.
type CryptoKey struct {
	model.Resource
	RotationPeriod model.String `json:"rotation_period"` // "7776000s"; empty: never rotated
	Purpose        model.String `json:"purpose"`
}

// Grant is an IAM role given to members on a project, folder, bucket, key,
// service account or Vertex AI resource, from an _iam_member, _iam_binding
// or _iam_policy resource.
type Grant struct {
	model.Resource
	// Scope is what the grant is on: project, bucket, crypto_key,
	// service_account, vertex, ...
	Scope   string       `json:"scope"`
	Target  model.Ref    `json:"target"`
	Role    model.String `json:"role"`
	Members []Member     `json:"members,omitempty"`
}

// Member is one principal of a grant. A member built from a computed value
// ("serviceAccount:${google_service_account.x.email}") is unknown, but its
// written Prefix still tells what kind of principal it is.
type Member struct {
	model.String
	Prefix string `json:"prefix,omitempty"`
}

// Kind returns the member's type (serviceAccount, user, group, domain,
// allUsers, ...) when it is known from its value or prefix.
func (m Member) Kind() string {
	v := m.Prefix
	if m.Known() {
		v = m.Value
	}
	if k, _, found := strings.Cut(v, ":"); found {
		return k
	}
	if m.Known() {
		return v
	}
	return ""
}

// ServiceAccountKey is a user-managed service account key.
type ServiceAccountKey struct {
	model.Resource
	ServiceAccount model.Ref `json:"service_account"`
}

// Perimeter is a VPC Service Controls service perimeter.
type Perimeter struct {
	model.Resource
	RestrictedServices []model.String `json:"restricted_services,omitempty"`
	Meta               model.Meta     `json:"restricted_services_meta"`
	// Policies are the ingress and egress policies of the enforced
	// configuration (status).
	Policies []PerimeterPolicy `json:"policies,omitempty"`
}

// PerimeterPolicy is one ingress or egress policy of a perimeter.
type PerimeterPolicy struct {
	model.Meta
	Direction    string   `json:"direction"`     // ingress or egress
	IdentityType string   `json:"identity_type"` // ANY_IDENTITY, ANY_USER_ACCOUNT, ANY_SERVICE_ACCOUNT or ""
	Identities   []string `json:"identities,omitempty"`
	AccessLevels []string `json:"access_levels,omitempty"` // ingress sources
	Resources    []string `json:"resources,omitempty"`
	// Operations are the services the policy lets through, with their
	// method selectors ("*" for all).
	Operations []PerimeterOperation `json:"operations,omitempty"`
}

// PerimeterOperation is a service and the methods of it a policy admits.
type PerimeterOperation struct {
	Service string   `json:"service"`
	Methods []string `json:"methods,omitempty"`
}
