// Package azure is the typed model of the Azure resources mlguard reasons
// about: Azure Machine Learning workspaces (and AI Foundry hubs, which are
// workspaces of another kind) with their computes, datastores, online
// endpoints and managed-network outbound rules; Azure AI services and Azure
// OpenAI accounts; and the storage accounts and key vaults that hold training
// data, models and the keys that encrypt them.
//
// Both the Terraform azurerm adapter and the ARM template adapter fill this
// model, each with its own defaults, so a rule is written once.
package azure

import (
	"regexp"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/unknown"
)

// Model is every Azure resource of one unit.
type Model struct {
	Workspaces      []*Workspace        `json:"ml_workspaces,omitempty"`
	Computes        []*Compute          `json:"ml_computes,omitempty"`
	Datastores      []*Datastore        `json:"ml_datastores,omitempty"`
	Connections     []*Connection       `json:"ml_connections,omitempty"`
	OnlineEndpoints []*OnlineEndpoint   `json:"ml_online_endpoints,omitempty"`
	Deployments     []*OnlineDeployment `json:"ml_online_deployments,omitempty"`
	OutboundRules   []*OutboundRule     `json:"ml_outbound_rules,omitempty"`
	AIAccounts      []*AIAccount        `json:"ai_accounts,omitempty"`
	SearchServices  []*SearchService    `json:"search_services,omitempty"`
	DefenderPlans   []*DefenderPlan     `json:"defender_plans,omitempty"`
	StorageAccounts []*StorageAccount   `json:"storage_accounts,omitempty"`
	KeyVaults       []*KeyVault         `json:"key_vaults,omitempty"`
	Registries      []*Registry         `json:"container_registries,omitempty"`
	RoleAssignments []*RoleAssignment   `json:"role_assignments,omitempty"`
	RAIPolicies     []*RAIPolicy        `json:"rai_policies,omitempty"`
	// PrivateEndpoints are private endpoints into resources
	// (azurerm_private_endpoint, Microsoft.Network/privateEndpoints).
	PrivateEndpoints []*PrivateEndpoint `json:"private_endpoints,omitempty"`
	// DiagnosticSettings send a resource's logs somewhere
	// (azurerm_monitor_diagnostic_setting, Microsoft.Insights/diagnosticSettings).
	DiagnosticSettings []*DiagnosticSetting `json:"diagnostic_settings,omitempty"`
}

// Isolation modes of a workspace's managed network.
const (
	IsolationDisabled         = "Disabled"
	IsolationInternetOutbound = "AllowInternetOutbound"
	IsolationApprovedOutbound = "AllowOnlyApprovedOutbound"
)

// Workspace is an Azure Machine Learning workspace, an AI Foundry hub or
// project (azurerm_machine_learning_workspace, azurerm_ai_foundry,
// Microsoft.MachineLearningServices/workspaces).
type Workspace struct {
	model.Resource
	// Identities are the user-assigned identities the resource runs as.
	Identities []string `json:"user_assigned_identities,omitempty"`
	// Kind is Default, FeatureStore, Hub or Project.
	Kind model.String `json:"kind"`
	// PublicNetworkAccess is true when the workspace answers on its public
	// endpoint (the default).
	PublicNetworkAccess model.Bool `json:"public_network_access"`
	// CMK is the customer-managed key; absent means Microsoft-managed keys.
	CMK model.Ref `json:"customer_managed_key"`
	// HighBusinessImpact reduces the diagnostic data the service collects
	// and encrypts the local scratch disks of computes.
	HighBusinessImpact model.Bool `json:"high_business_impact"`
	// IsolationMode is the managed network mode (Disabled by default).
	IsolationMode model.String `json:"isolation_mode"`
	// StorageAuth is how the system datastores reach the workspace storage
	// account: AccessKey (the default) or Identity.
	StorageAuth model.String `json:"system_datastores_auth_mode"`
	// ServerlessPublicIP is true when serverless compute nodes get public IPs.
	ServerlessPublicIP model.Bool `json:"serverless_compute_public_ip"`
	StorageAccount     model.Ref  `json:"storage_account"`
	KeyVault           model.Ref  `json:"key_vault"`
	// Hub is the AI Foundry hub of a project workspace, whose network,
	// encryption and storage settings the project inherits.
	Hub model.Ref `json:"hub"`
}

// PrivateEndpoint is a private endpoint: a network interface in a subnet
// through which clients reach a resource without its public endpoint.
type PrivateEndpoint struct {
	model.Resource
	// Targets are the resources its connections reach
	// (private_connection_resource_id, privateLinkServiceId).
	Targets []model.Ref `json:"targets,omitempty"`
}

// Reaches reports whether the endpoint connects to the resource at addr,
// by link; maybe reports a connection whose target is not linked to a
// resource of the code (unknown, or a resource ID written out), which may
// be it.
func (p *PrivateEndpoint) Reaches(addr string) (reaches, maybe bool) {
	for _, t := range p.Targets {
		if t.LinksTo(addr) {
			return true, false
		}
		if len(t.Targets) == 0 {
			maybe = true
		}
	}
	return false, maybe
}

// Compute kinds.
const (
	ComputeInstance  = "ComputeInstance"
	ComputeCluster   = "AmlCompute"
	ComputeInference = "Kubernetes" // an attached AKS or Arc cluster that serves models
)

// Compute is a compute instance, a compute cluster or an inference cluster
// of a workspace.
type Compute struct {
	model.Resource
	// Identities are the user-assigned identities the resource runs as.
	Identities []string  `json:"user_assigned_identities,omitempty"`
	Kind       string    `json:"kind"` // ComputeInstance, AmlCompute, Kubernetes
	Workspace  model.Ref `json:"workspace"`
	// LocalAuth is true when keys and passwords (not Entra ID) are accepted.
	LocalAuth model.Bool `json:"local_auth"`
	// NodePublicIP is true when nodes get public IP addresses.
	NodePublicIP model.Bool `json:"node_public_ip"`
	// SSHPublic is true when the SSH port is open to the internet.
	SSHPublic model.Bool `json:"ssh_public_access"`
	Subnet    model.Ref  `json:"subnet"`
	// AdminPassword is the password of the nodes' administrator account.
	AdminPassword model.String `json:"admin_password"`
	// TLS is true when an inference cluster serves scoring requests over TLS.
	TLS model.Bool `json:"tls"`
}

// Datastore connects a workspace to a storage service.
type Datastore struct {
	model.Resource
	Workspace model.Ref `json:"workspace"`
	// Credentials are the secrets stored with the datastore (account_key,
	// shared_access_signature, client_secret), by attribute name: a literal
	// value, or a link to what it is read from (a storage account's key). A
	// datastore without any uses the caller's or the workspace's identity.
	Credentials map[string]model.Ref `json:"credentials,omitempty"`
}

// Connection is a workspace or AI Foundry hub connection to another
// service (Azure OpenAI, AI Search, storage, a Git or model registry).
type Connection struct {
	model.Resource
	Workspace model.Ref `json:"workspace"`
	// AuthType is ApiKey, AccountKey, SAS, PAT, UsernamePassword,
	// ServicePrincipal, CustomKeys, AAD, ManagedIdentity, None, ...
	AuthType model.String `json:"auth_type"`
	// Shared is true when every user of the workspace (every project of a
	// hub) can use the connection.
	Shared model.Bool `json:"is_shared_to_all"`
	// Credentials are the secret values written, by their path below
	// credentials (key, keys.api-key, clientSecret, ...).
	Credentials map[string]model.Ref `json:"credentials,omitempty"`
}

// OnlineEndpoint is a managed online endpoint that serves a model.
type OnlineEndpoint struct {
	model.Resource
	// Identities are the user-assigned identities the resource runs as.
	Identities []string  `json:"user_assigned_identities,omitempty"`
	Workspace  model.Ref `json:"workspace"`
	// AuthMode is Key, AMLToken or AADToken.
	AuthMode            model.String `json:"auth_mode"`
	PublicNetworkAccess model.Bool   `json:"public_network_access"`
}

// OnlineDeployment is a model deployment behind an online endpoint.
type OnlineDeployment struct {
	model.Resource
	Endpoint model.Ref `json:"endpoint"`
	// Env is the model server's environment (environmentVariables).
	Env model.StringMap `json:"environment_variables"`
	// EgressPublic is true when the deployment may reach the internet
	// (and the workspace's resources over public endpoints).
	EgressPublic model.Bool `json:"egress_public_network_access"`
}

// OutboundRule is a managed-network outbound rule of a workspace.
type OutboundRule struct {
	model.Resource
	// Type is FQDN, ServiceTag or PrivateEndpoint.
	Type model.String `json:"type"`
	// Destination is the FQDN or the service tag the rule allows.
	Destination model.String `json:"destination"`
}

// AIAccount is an Azure AI services account: Azure OpenAI, AI Services and
// the other Cognitive Services kinds (azurerm_cognitive_account,
// azurerm_ai_services, Microsoft.CognitiveServices/accounts).
type AIAccount struct {
	model.Resource
	// Identities are the user-assigned identities the resource runs as.
	Identities          []string     `json:"user_assigned_identities,omitempty"`
	Kind                model.String `json:"kind"`
	PublicNetworkAccess model.Bool   `json:"public_network_access"`
	// NetworkDefaultAction is Allow or Deny for traffic no network rule
	// matches; Allow when there are no rules.
	NetworkDefaultAction model.String `json:"network_default_action"`
	LocalAuth            model.Bool   `json:"local_auth"`
	CustomSubdomain      model.String `json:"custom_subdomain_name"`
	CMK                  model.Ref    `json:"customer_managed_key"`
	OutboundRestricted   model.Bool   `json:"outbound_network_access_restricted"`
}

// StorageAccount is a storage account.
type StorageAccount struct {
	model.Resource
	// NestedPublic is true when containers and blobs may be made public.
	NestedPublic         model.Bool   `json:"allow_blob_public_access"`
	MinTLS               model.String `json:"min_tls_version"` // TLS1_0, TLS1_1, TLS1_2, TLS1_3
	HTTPSOnly            model.Bool   `json:"https_traffic_only"`
	SharedKey            model.Bool   `json:"shared_key_access"`
	PublicNetworkAccess  model.Bool   `json:"public_network_access"`
	NetworkDefaultAction model.String `json:"network_default_action"`
	Name                 model.String `json:"name"`
	// CMK is the Key Vault key the account encrypts with; absent means
	// Microsoft-managed keys.
	CMK model.Ref `json:"customer_managed_key"`
}

// DiagnosticSetting sends the logs of one resource to a workspace, an
// account or an event hub.
type DiagnosticSetting struct {
	model.Resource
	// Target is the monitored resource: its ID (in Terraform, often
	// "${azurerm_storage_account.x.id}/blobServices/default", unknown text
	// with a link) or, in templates, its address.
	Target model.Ref `json:"target"`
	// Logs are the enabled log categories and category groups.
	Logs []string `json:"logs,omitempty"`
	// LogsKnown is false when a log entry is unknown before apply.
	LogsKnown bool `json:"logs_known"`
}

// blobServiceOf matches the blob service of a storage account in a resource
// ID or address, and names the account.
var blobServiceOf = regexp.MustCompile(`(?i)storageAccounts/([^/]*)/blobServices(/|$)`)

// LogsBlobReads reports whether a diagnostic setting of the model sends a
// storage account's blob read logs (StorageRead, or the allLogs or audit
// group) somewhere, and whether that is known: a setting whose target or
// logs are unknown might.
func (m *Model) LogsBlobReads(sa *StorageAccount) (logged, known bool) {
	known = true
	for _, d := range m.DiagnosticSettings {
		target, targetKnown := d.targetsBlobsOf(sa)
		if !target {
			known = known && targetKnown
			continue
		}
		if !d.LogsKnown {
			known = false
			continue
		}
		for _, l := range d.Logs {
			if strings.EqualFold(l, "StorageRead") || strings.EqualFold(l, "allLogs") || strings.EqualFold(l, "audit") {
				return true, true
			}
		}
	}
	return false, known
}

// targetsBlobsOf reports whether the setting monitors the account's blob
// service, and whether that is known.
func (d *DiagnosticSetting) targetsBlobsOf(sa *StorageAccount) (yes, known bool) {
	text := d.Target.Value
	if d.Target.LinksTo(sa.Address) {
		if text == "" && !d.Target.Known() {
			return false, false // in a plan, which of the account's services it names is not known
		}
		// A link names the account; the text says which of its services.
		return strings.Contains(strings.ToLower(text), "/blobservices"), true
	}
	m := blobServiceOf.FindStringSubmatch(text)
	switch {
	case m != nil && !unknown.In(m[1]) && !strings.Contains(m[1], "[") && sa.Name.Known():
		return strings.EqualFold(m[1], sa.Name.Value), true
	case m != nil:
		return false, false // the account is named by a value known only at deployment
	case d.Target.Known() || len(d.Target.Targets) > 0:
		return false, true // a known other resource, or a link to another one
	}
	return false, false
}

// KeyVault is a key vault, where customer-managed keys and the secrets of a
// workspace are kept.
type KeyVault struct {
	model.Resource
	PurgeProtection      model.Bool   `json:"purge_protection"`
	PublicNetworkAccess  model.Bool   `json:"public_network_access"`
	NetworkDefaultAction model.String `json:"network_default_action"`
}

// Registry is a container registry, where the images of model servers,
// training environments and (as OCI artifacts) models are kept.
type Registry struct {
	model.Resource
	// AdminEnabled is true when the registry's admin account, a shared user
	// name and password with push and pull rights, is on.
	AdminEnabled  model.Bool `json:"admin_enabled"`
	AnonymousPull model.Bool `json:"anonymous_pull_enabled"`
}

// RoleAssignment grants an Azure RBAC role to a principal on a scope
// (azurerm_role_assignment, Microsoft.Authorization/roleAssignments).
type RoleAssignment struct {
	model.Resource
	// Role is the role's name: written (role_definition_name), or known
	// from the built-in role's ID (Owner for 8e3af657-...).
	Role model.String `json:"role"`
	// Principal links to the resources whose identity receives the role
	// (a workspace's identity.principal_id, reference(...).identity).
	Principal model.Ref `json:"principal"`
	Scope     model.Ref `json:"scope"`
}

// BuiltinRoles names the built-in roles whose IDs rules need to tell apart.
var BuiltinRoles = map[string]string{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
}

// RoleName resolves a role definition ID (or any text ending in one) to
// a built-in role's name, or returns "" when it names none of them.
func RoleName(id string) string {
	id = strings.ToLower(strings.TrimSpace(id))
	for guid, name := range BuiltinRoles {
		if strings.HasSuffix(id, guid) {
			return name
		}
	}
	return ""
}

// RAIPolicy is a content filtering (responsible AI) policy of an Azure
// OpenAI or AI services account, which its model deployments select by
// name (azurerm_cognitive_account_rai_policy, accounts/raiPolicies).
type RAIPolicy struct {
	model.Resource
	Account model.Ref `json:"account"`
	// Filters are the filters the policy sets; the others are the base
	// policy's.
	Filters []ContentFilter `json:"content_filters,omitempty"`
}

// ContentFilter is one harm category filter of a policy, on prompts or
// completions.
type ContentFilter struct {
	Name     model.String `json:"name"`   // Hate, Sexual, Violence, Selfharm, Jailbreak, ...
	Source   model.String `json:"source"` // Prompt or Completion
	Enabled  model.Bool   `json:"enabled"`
	Blocking model.Bool   `json:"blocking"`
}

// SearchService is an Azure AI Search service, the vector index behind
// Azure OpenAI "on your data" and many RAG applications.
type SearchService struct {
	model.Resource
	PublicNetworkAccess model.Bool `json:"public_network_access"` // default true
	// AllowedIPs are the addresses a public service admits (all when none).
	AllowedIPs model.Refs `json:"allowed_ips"`
	LocalAuth  model.Bool `json:"local_auth"` // API keys; default true
}

// DefenderPlan is a Microsoft Defender for Cloud plan of a subscription
// (azurerm_security_center_subscription_pricing, Microsoft.Security/pricings).
type DefenderPlan struct {
	model.Resource
	Plan model.String `json:"plan"` // resource_type: Containers, ContainerRegistry, ...
	Tier model.String `json:"tier"` // Free or Standard
}
