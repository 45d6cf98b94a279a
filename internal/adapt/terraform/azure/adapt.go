// Package azure adapts Terraform resource documents (HCL or plan JSON) of
// the azurerm provider into the typed Azure model, with the provider's
// defaults for attributes that are not written. azapi_resource blocks carry
// ARM bodies; they are handed to the ARM adapter.
package azure

import (
	"strings"

	"github.com/hashicorp/go-version"

	armazure "github.com/mlguard/mlguard/internal/adapt/arm/azure"
	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

type adapter struct {
	m *azure.Model
	// v2 is set when the root module pins azurerm below 3.0, whose storage
	// accounts were private by default.
	v2 bool
	// Keys and network rules that other resources set on an account.
	cognitiveKeys []link
	storageRules  []link
	storageKeys   []link
}

// link is a resource that sets a value on another one.
type link struct {
	target model.Ref
	value  model.Ref
	action model.String
}

var adapters = map[string]func(*adapter, *terraform.Block, model.Resource){
	"azurerm_machine_learning_workspace":                                   (*adapter).workspace,
	"azurerm_ai_foundry":                                                   (*adapter).foundry,
	"azurerm_machine_learning_compute_instance":                            (*adapter).computeInstance,
	"azurerm_machine_learning_compute_cluster":                             (*adapter).computeCluster,
	"azurerm_machine_learning_inference_cluster":                           (*adapter).inferenceCluster,
	"azurerm_machine_learning_datastore_blobstorage":                       (*adapter).datastore,
	"azurerm_machine_learning_datastore_fileshare":                         (*adapter).datastore,
	"azurerm_machine_learning_datastore_datalake_gen2":                     (*adapter).datastore,
	"azurerm_machine_learning_workspace_network_outbound_rule_fqdn":        (*adapter).fqdnRule,
	"azurerm_machine_learning_workspace_network_outbound_rule_service_tag": (*adapter).serviceTagRule,
	"azurerm_cognitive_account":                                            (*adapter).cognitiveAccount,
	"azurerm_search_service":                                               (*adapter).searchService,
	"azurerm_security_center_subscription_pricing":                         (*adapter).defenderPlan,
	"azurerm_ai_services":                                                  (*adapter).aiServices,
	"azurerm_cognitive_account_customer_managed_key":                       (*adapter).cognitiveKey,
	"azurerm_storage_account":                                              (*adapter).storageAccount,
	"azurerm_storage_account_network_rules":                                (*adapter).storageNetworkRules,
	"azurerm_storage_account_customer_managed_key":                         (*adapter).storageKey,
	"azurerm_monitor_diagnostic_setting":                                   (*adapter).diagnosticSetting,
	"azurerm_key_vault":                                                    (*adapter).keyVault,
	"azapi_resource":                                                       (*adapter).azapi,
	"azurerm_container_registry":                                           (*adapter).registry,
	"azurerm_role_assignment":                                              (*adapter).roleAssignment,
	"azurerm_cognitive_account_rai_policy":                                 (*adapter).raiPolicy,
	"azurerm_private_endpoint":                                             (*adapter).privateEndpoint,
}

// privateEndpoint reads the resources an endpoint's connections reach.
func (a *adapter) privateEndpoint(b *terraform.Block, res model.Resource) {
	pe := &azure.PrivateEndpoint{Resource: res}
	for _, c := range b.Nested("private_service_connection") {
		pe.Targets = append(pe.Targets, tfattr.Ref(c, "private_connection_resource_id"))
	}
	if b.NestedUnknown("private_service_connection") {
		pe.Targets = append(pe.Targets, model.Ref{Meta: model.Meta{Range: b.Range, Unknown: true}})
	}
	a.m.PrivateEndpoints = append(a.m.PrivateEndpoints, pe)
}

// Adapt builds the Azure model from resource documents; providers are the
// root module's required_providers version constraints (nil for plans),
// for the defaults that changed between azurerm major versions.
func Adapt(docs []*terraform.Resource, providers map[string]string) *azure.Model {
	a := &adapter{m: &azure.Model{}, v2: onlyBelow3(providers["azurerm"])}
	for _, d := range docs {
		// The other clouds' adapters read the same documents.
		if d.Mode != "managed" || !strings.HasPrefix(d.Type, "azurerm_") && d.Type != "azapi_resource" {
			continue
		}
		if f, ok := adapters[d.Type]; ok {
			f(a, d.Body, model.Resource{Address: d.Address, Type: d.Type, Range: d.Range, Format: d.Format})
		}
	}
	a.apply()
	armazure.Inherit(a.m)
	return a.m
}

// Provider defaults (hashicorp/azurerm 4.x documentation):
//   azurerm_machine_learning_workspace.public_network_access_enabled   true
//   high_business_impact false; managed_network.isolation_mode: Disabled without the block
//   storage_account_access_type AccessKey; serverless_compute.public_ip_enabled false
//   azurerm_ai_foundry.public_network_access "Enabled"; high_business_impact_enabled false,
//     but on when encryption is set
//   compute instance/cluster: local_auth_enabled true, node_public_ip_enabled true;
//     instance: an ssh block turns public SSH access on (Disabled without it);
//     cluster: ssh_public_access_enabled false
//   inference cluster: no ssl block, no TLS
//   azurerm_cognitive_account: public_network_access_enabled true, local_auth_enabled true,
//     outbound_network_access_restricted false; no network_acls block: every network allowed
//   azurerm_ai_services: public_network_access "Enabled", local_authentication_enabled true
//   azurerm_search_service: public_network_access_enabled true, local_authentication_enabled true,
//     allowed_ips empty (every address)
//   azurerm_storage_account: allow_nested_items_to_be_public true (allow_blob_public_access false
//     before 3.0), min_tls_version TLS1_2 (TLS1_0 before 3.0; only written values are judged),
//     https_traffic_only_enabled true, shared_access_key_enabled true,
//     public_network_access_enabled true; no network_rules: Allow
//   azurerm_key_vault: purge_protection_enabled false, public_network_access_enabled true;
//     no network_acls: Allow
//   azurerm_container_registry: admin_enabled false, anonymous_pull_enabled false

func (a *adapter) workspace(b *terraform.Block, res model.Resource) {
	ws := a.workspaceCommon(b, res, tfattr.Bool(b, "public_network_access_enabled", true))
	ws.Kind = tfattr.Str(b, "kind", "Default")
	ws.HighBusinessImpact = tfattr.Bool(b, "high_business_impact", false)
	ws.StorageAuth = tfattr.Str(b, "storage_account_access_type", "AccessKey")
	sc, _ := tfattr.Within(b, "serverless_compute")
	ws.ServerlessPublicIP = tfattr.Bool(sc, "public_ip_enabled", false)
}

func (a *adapter) foundry(b *terraform.Block, res model.Resource) {
	ws := a.workspaceCommon(b, res, enabledStr(tfattr.Str(b, "public_network_access", "Enabled")))
	ws.Kind = model.String{Meta: model.Meta{Range: res.Range}, Value: "Hub"}
	ws.HighBusinessImpact = tfattr.Bool(b, "high_business_impact_enabled", ws.CMK.IsSet() || !ws.CMK.Known())
	// Hubs do not choose how their system datastores authenticate in azurerm.
	ws.StorageAuth = model.String{Meta: model.Meta{Range: res.Range}}
	ws.ServerlessPublicIP = model.Bool{Meta: model.Meta{Range: res.Range}}
}

func (a *adapter) workspaceCommon(b *terraform.Block, res model.Resource, public model.Bool) *azure.Workspace {
	enc, _ := tfattr.Within(b, "encryption")
	mn, _ := tfattr.Within(b, "managed_network")
	ws := &azure.Workspace{
		Resource:            res,
		Identities:          identityIDs(b),
		PublicNetworkAccess: public,
		CMK:                 tfattr.Ref(enc, "key_id"),
		IsolationMode:       tfattr.Str(mn, "isolation_mode", azure.IsolationDisabled),
		StorageAccount:      tfattr.Ref(b, "storage_account_id"),
		KeyVault:            tfattr.Ref(b, "key_vault_id"),
	}
	a.m.Workspaces = append(a.m.Workspaces, ws)
	return ws
}

// identityIDs are the user-assigned identities of an identity block.
func identityIDs(b *terraform.Block) []string {
	id, _ := tfattr.Within(b, "identity")
	return tfattr.Refs(id, "identity_ids").Targets()
}

// enabledStr reads an "Enabled"/"Disabled" string attribute as a bool.
func enabledStr(s model.String) model.Bool {
	return model.Bool{Meta: s.Meta, Value: s.Known() && strings.EqualFold(s.Value, "Enabled")}
}

func (a *adapter) computeInstance(b *terraform.Block, res model.Resource) {
	c := a.compute(b, res, azure.ComputeInstance)
	ssh, unknown := tfattr.First(b, "ssh")
	switch {
	case ssh != nil:
		c.SSHPublic = model.Bool{Meta: tfattr.BlockMeta(ssh), Value: true}
	case unknown: // a dynamic ssh block over an unknown collection
		c.SSHPublic = model.Bool{Meta: model.Meta{Range: b.Range, Unknown: true}}
	default:
		c.SSHPublic = model.Bool{Meta: model.Meta{Range: b.Range, Unknown: b.Unknown}}
	}
}

func (a *adapter) computeCluster(b *terraform.Block, res model.Resource) {
	c := a.compute(b, res, azure.ComputeCluster)
	c.SSHPublic = tfattr.Bool(b, "ssh_public_access_enabled", false)
	ssh, _ := tfattr.Within(b, "ssh")
	c.AdminPassword = tfattr.Str(ssh, "admin_password", "")
}

func (a *adapter) compute(b *terraform.Block, res model.Resource, kind string) *azure.Compute {
	c := &azure.Compute{
		Resource: res, Kind: kind, Identities: identityIDs(b),
		Workspace:    tfattr.Ref(b, "machine_learning_workspace_id"),
		LocalAuth:    tfattr.Bool(b, "local_auth_enabled", true),
		NodePublicIP: tfattr.Bool(b, "node_public_ip_enabled", true),
		Subnet:       tfattr.Ref(b, "subnet_resource_id"),
	}
	a.m.Computes = append(a.m.Computes, c)
	return c
}

func (a *adapter) inferenceCluster(b *terraform.Block, res model.Resource) {
	ssl, unknown := tfattr.First(b, "ssl")
	tls := model.Bool{Meta: model.Meta{Range: b.Range, Unknown: unknown || b.Unknown}}
	if ssl != nil {
		tls = model.Bool{Meta: tfattr.BlockMeta(ssl), Value: true}
	}
	a.m.Computes = append(a.m.Computes, &azure.Compute{
		Resource: res, Kind: azure.ComputeInference, TLS: tls,
		Workspace:    tfattr.Ref(b, "machine_learning_workspace_id"),
		LocalAuth:    model.Bool{Meta: model.Meta{Range: b.Range}},
		NodePublicIP: model.Bool{Meta: model.Meta{Range: b.Range}},
		Subnet:       model.Ref{Meta: model.Meta{Range: b.Range}}, // the AKS cluster's network
	})
}

func (a *adapter) datastore(b *terraform.Block, res model.Resource) {
	ds := &azure.Datastore{Resource: res, Workspace: tfattr.Ref(b, "workspace_id"),
		Credentials: map[string]model.Ref{}}
	for _, name := range []string{"account_key", "shared_access_signature", "client_secret"} {
		if b.Attr(name) != nil {
			r := tfattr.Ref(b, name)
			if r.Explicit {
				ds.Credentials[name] = r
			}
		}
	}
	a.m.Datastores = append(a.m.Datastores, ds)
}

func (a *adapter) fqdnRule(b *terraform.Block, res model.Resource) {
	a.m.OutboundRules = append(a.m.OutboundRules, &azure.OutboundRule{Resource: res,
		Type: model.String{Meta: model.Meta{Range: b.Range}, Value: "FQDN"}, Destination: tfattr.Str(b, "destination_fqdn", "")})
}

func (a *adapter) serviceTagRule(b *terraform.Block, res model.Resource) {
	a.m.OutboundRules = append(a.m.OutboundRules, &azure.OutboundRule{Resource: res,
		Type: model.String{Meta: model.Meta{Range: b.Range}, Value: "ServiceTag"}, Destination: tfattr.Str(b, "service_tag", "")})
}

func (a *adapter) cognitiveAccount(b *terraform.Block, res model.Resource) {
	a.aiAccount(b, res, tfattr.Bool(b, "public_network_access_enabled", true), tfattr.Bool(b, "local_auth_enabled", true), tfattr.Str(b, "kind", ""))
}

// defenderPlan reads a Defender for Cloud plan; resource_type defaults to
// VirtualMachines in the provider.
func (a *adapter) defenderPlan(b *terraform.Block, res model.Resource) {
	a.m.DefenderPlans = append(a.m.DefenderPlans, &azure.DefenderPlan{Resource: res,
		Plan: tfattr.Str(b, "resource_type", "VirtualMachines"), Tier: tfattr.Str(b, "tier", "")})
}

func (a *adapter) searchService(b *terraform.Block, res model.Resource) {
	a.m.SearchServices = append(a.m.SearchServices, &azure.SearchService{Resource: res,
		PublicNetworkAccess: tfattr.Bool(b, "public_network_access_enabled", true),
		AllowedIPs:          tfattr.Refs(b, "allowed_ips"),
		LocalAuth:           tfattr.Bool(b, "local_authentication_enabled", true)})
}

func (a *adapter) aiServices(b *terraform.Block, res model.Resource) {
	a.aiAccount(b, res, enabledStr(tfattr.Str(b, "public_network_access", "Enabled")), tfattr.Bool(b, "local_authentication_enabled", true),
		model.String{Meta: model.Meta{Range: b.Range}, Value: "AIServices"})
}

func (a *adapter) aiAccount(b *terraform.Block, res model.Resource, public, local model.Bool, kind model.String) {
	acl, _ := tfattr.Within(b, "network_acls")
	cmk, _ := tfattr.Within(b, "customer_managed_key")
	a.m.AIAccounts = append(a.m.AIAccounts, &azure.AIAccount{Resource: res, Identities: identityIDs(b),
		Kind: kind, PublicNetworkAccess: public, LocalAuth: local,
		NetworkDefaultAction: tfattr.Str(acl, "default_action", "Allow"),
		CustomSubdomain:      tfattr.Str(b, "custom_subdomain_name", ""),
		CMK:                  tfattr.Ref(cmk, "key_vault_key_id"),
		OutboundRestricted:   tfattr.Bool(b, "outbound_network_access_restricted", false),
	})
}

func (a *adapter) cognitiveKey(b *terraform.Block, _ model.Resource) {
	a.cognitiveKeys = append(a.cognitiveKeys, link{target: tfattr.Ref(b, "cognitive_account_id"), value: tfattr.Ref(b, "key_vault_key_id")})
}

func (a *adapter) storageAccount(b *terraform.Block, res model.Resource) {
	rules, _ := tfattr.Within(b, "network_rules")
	cmk, _ := tfattr.Within(b, "customer_managed_key")
	https := tfattr.Bool(b, "https_traffic_only_enabled", true)
	if b.Attr("https_traffic_only_enabled") == nil && b.Attr("enable_https_traffic_only") != nil {
		https = tfattr.Bool(b, "enable_https_traffic_only", true) // azurerm 3.x
	}
	a.m.StorageAccounts = append(a.m.StorageAccounts, &azure.StorageAccount{Resource: res,
		NestedPublic:         a.nestedPublic(b),
		MinTLS:               tfattr.Str(b, "min_tls_version", "TLS1_2"),
		HTTPSOnly:            https,
		SharedKey:            tfattr.Bool(b, "shared_access_key_enabled", true),
		PublicNetworkAccess:  tfattr.Bool(b, "public_network_access_enabled", true),
		NetworkDefaultAction: tfattr.Str(rules, "default_action", "Allow"),
		Name:                 tfattr.Str(b, "name", ""),
		CMK:                  tfattr.Ref(cmk, "key_vault_key_id"),
	})
}

// storageKey reads an azurerm_storage_account_customer_managed_key: the key
// is named by key_vault_key_id, or by key_name in key_vault_id.
func (a *adapter) storageKey(b *terraform.Block, _ model.Resource) {
	key := tfattr.Ref(b, "key_vault_key_id")
	if key.Absent() {
		key = tfattr.Ref(b, "key_name")
	}
	a.storageKeys = append(a.storageKeys, link{target: tfattr.Ref(b, "storage_account_id"), value: key})
}

// diagnosticSetting reads which logs a diagnostic setting sends, and of
// which resource.
func (a *adapter) diagnosticSetting(b *terraform.Block, res model.Resource) {
	d := &azure.DiagnosticSetting{Resource: res, Target: tfattr.Ref(b, "target_resource_id"), LogsKnown: true}
	d.LogsKnown = !b.NestedUnknown("enabled_log") && !b.NestedUnknown("log")
	for _, l := range b.Nested("enabled_log") {
		addLog(d, l, true)
	}
	for _, l := range b.Nested("log") { // azurerm 3.x; enabled defaults to true
		on := tfattr.Bool(l, "enabled", true)
		d.LogsKnown = d.LogsKnown && on.Known()
		addLog(d, l, on.IsTrue())
	}
	a.m.DiagnosticSettings = append(a.m.DiagnosticSettings, d)
}

// nestedPublic reads whether blobs may be made public: azurerm 3.0 renamed
// allow_blob_public_access (default false) to allow_nested_items_to_be_public
// (default true).
func (a *adapter) nestedPublic(b *terraform.Block) model.Bool {
	if b.Attr("allow_nested_items_to_be_public") == nil && (a.v2 || b.Attr("allow_blob_public_access") != nil) {
		return tfattr.Bool(b, "allow_blob_public_access", false)
	}
	return tfattr.Bool(b, "allow_nested_items_to_be_public", true)
}

// onlyBelow3 reports whether a version constraint admits azurerm 2.x
// releases and none from 3.0 on.
func onlyBelow3(constraint string) bool {
	c, err := version.NewConstraint(constraint)
	if err != nil || constraint == "" {
		return false
	}
	for _, v := range []string{"3.0.0", "3.60.0", "3.117.1", "4.0.0", "4.50.0", "5.0.0", "6.0.0"} {
		if c.Check(version.Must(version.NewVersion(v))) {
			return false
		}
	}
	for _, v := range []string{"2.0.0", "2.46.0", "2.76.0", "2.99.0", "1.44.0"} {
		if c.Check(version.Must(version.NewVersion(v))) {
			return true
		}
	}
	return false
}

func (a *adapter) storageNetworkRules(b *terraform.Block, _ model.Resource) {
	a.storageRules = append(a.storageRules, link{target: tfattr.Ref(b, "storage_account_id"), action: tfattr.Str(b, "default_action", "")})
}

func (a *adapter) keyVault(b *terraform.Block, res model.Resource) {
	acl, _ := tfattr.Within(b, "network_acls")
	a.m.KeyVaults = append(a.m.KeyVaults, &azure.KeyVault{Resource: res,
		PurgeProtection:      tfattr.Bool(b, "purge_protection_enabled", false),
		PublicNetworkAccess:  tfattr.Bool(b, "public_network_access_enabled", true),
		NetworkDefaultAction: tfattr.Str(acl, "default_action", "Allow"),
	})
}

func (a *adapter) registry(b *terraform.Block, res model.Resource) {
	a.m.Registries = append(a.m.Registries, &azure.Registry{Resource: res,
		AdminEnabled:  tfattr.Bool(b, "admin_enabled", false),
		AnonymousPull: tfattr.Bool(b, "anonymous_pull_enabled", false),
	})
}

func (a *adapter) raiPolicy(b *terraform.Block, res model.Resource) {
	p := &azure.RAIPolicy{Resource: res, Account: tfattr.Ref(b, "cognitive_account_id")}
	for _, f := range b.Nested("content_filter") {
		// filter_enabled and block_enabled are required arguments.
		p.Filters = append(p.Filters, azure.ContentFilter{Name: tfattr.Str(f, "name", ""), Source: tfattr.Str(f, "source", ""),
			Enabled: armazure.Required(tfattr.Bool(f, "filter_enabled", true)), Blocking: armazure.Required(tfattr.Bool(f, "block_enabled", true))})
	}
	if b.NestedUnknown("content_filter") {
		p.Filters = append(p.Filters, azure.ContentFilter{Enabled: model.Bool{Meta: model.Meta{Range: b.Range, Unknown: true}},
			Blocking: model.Bool{Meta: model.Meta{Range: b.Range, Unknown: true}}})
	}
	a.m.RAIPolicies = append(a.m.RAIPolicies, p)
}

func (a *adapter) roleAssignment(b *terraform.Block, res model.Resource) {
	role := tfattr.Str(b, "role_definition_name", "")
	if !role.Explicit {
		id := tfattr.Str(b, "role_definition_id", "")
		role = model.String{Meta: id.Meta, Value: azure.RoleName(id.Value)}
		if role.Value == "" && id.Known() {
			role.Value = id.Value
		}
		if !id.Explicit {
			role.Unknown = true // one of the two is required
		}
	}
	a.m.RoleAssignments = append(a.m.RoleAssignments, &azure.RoleAssignment{Resource: res, Role: role,
		Principal: tfattr.Ref(b, "principal_id"), Scope: tfattr.Ref(b, "scope")})
}

// apply sets what separate resources configure on accounts: a cognitive
// account's customer-managed key, a storage account's network rules. A
// setting whose target cannot be told makes the value of every account it
// may apply to unknown.
func (a *adapter) apply() {
	for _, k := range a.cognitiveKeys {
		for _, acc := range a.m.AIAccounts {
			setKey(k, acc.Resource, &acc.CMK)
		}
	}
	for _, k := range a.storageKeys {
		for _, sa := range a.m.StorageAccounts {
			setKey(k, sa.Resource, &sa.CMK)
		}
	}
	for _, r := range a.storageRules {
		for _, sa := range a.m.StorageAccounts {
			switch {
			case r.target.LinksTo(sa.Address):
				sa.NetworkDefaultAction = r.action
			case len(r.target.Targets) == 0:
				sa.NetworkDefaultAction = model.String{Meta: model.Meta{Range: sa.Range, Unknown: true}}
			}
		}
	}
}

// setKey gives an account the key a separate resource sets on it; one whose
// target cannot be told makes an account without a key of its own unknown.
func setKey(k link, res model.Resource, cmk *model.Ref) {
	switch {
	case k.target.LinksTo(res.Address):
		*cmk = k.value
	case len(k.target.Targets) == 0 && cmk.Absent():
		*cmk = model.Ref{Meta: model.Meta{Range: res.Range, Unknown: true}}
	}
}

// azapi reads an azapi_resource: the ARM type and body, adapted like a
// template resource, linked to its parent through parent_id.
func (a *adapter) azapi(b *terraform.Block, res model.Resource) {
	typ := tfattr.Str(b, "type", "")
	if !typ.Known() {
		return
	}
	armType, _, _ := strings.Cut(typ.Value, "@")
	attr := b.Attr("body")
	if attr == nil {
		return
	}
	armazure.AdaptDocument(a.m, armazure.Document{Res: res, Type: armType, Body: bodyNode(attr), Parent: tfattr.Ref(b, "parent_id")})
}

// addLog records an enabled log entry's category or category group.
func addLog(d *azure.DiagnosticSetting, l *terraform.Block, enabled bool) {
	for _, name := range []string{"category", "category_group"} {
		v := tfattr.Str(l, name, "")
		switch {
		case !v.Known() || l.Unknown:
			d.LogsKnown = false
		case v.Value != "" && enabled:
			d.Logs = append(d.Logs, v.Value)
		}
	}
}
