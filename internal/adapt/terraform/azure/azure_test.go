package azure_test

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/adapt/terraform/azure"
	azuremodel "github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/source"
)

// plan is an azurerm plan in the shape `terraform show -json` prints (the
// azurerm provider is not on the build machine, nor on the Go module proxy,
// so it is written by hand): blocks are lists of objects, absent blocks are
// empty lists, computed values are in after_unknown, and links to other
// resources are recorded in the configuration section.
const plan = `{
  "format_version": "1.2",
  "terraform_version": "1.11.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "azurerm_machine_learning_workspace.ml", "mode": "managed", "type": "azurerm_machine_learning_workspace", "name": "ml",
     "provider_name": "registry.terraform.io/hashicorp/azurerm",
     "values": {"name": "ml", "location": "westeurope", "public_network_access_enabled": true, "high_business_impact": false,
       "storage_account_access_type": "Identity", "encryption": [], "managed_network": [{"isolation_mode": "AllowInternetOutbound"}],
       "serverless_compute": [], "identity": [{"type": "SystemAssigned"}]}},
    {"address": "azurerm_machine_learning_compute_instance.ci", "mode": "managed", "type": "azurerm_machine_learning_compute_instance", "name": "ci",
     "provider_name": "registry.terraform.io/hashicorp/azurerm",
     "values": {"name": "ci", "local_auth_enabled": true, "node_public_ip_enabled": false, "subnet_resource_id": "/subscriptions/0/s", "ssh": []}},
    {"address": "azurerm_machine_learning_datastore_blobstorage.data", "mode": "managed", "type": "azurerm_machine_learning_datastore_blobstorage", "name": "data",
     "provider_name": "registry.terraform.io/hashicorp/azurerm",
     "values": {"name": "data", "storage_container_id": "/subscriptions/0/c", "shared_access_signature": null}},
    {"address": "azurerm_storage_account.st", "mode": "managed", "type": "azurerm_storage_account", "name": "st",
     "provider_name": "registry.terraform.io/hashicorp/azurerm",
     "values": {"name": "st", "allow_nested_items_to_be_public": false, "min_tls_version": "TLS1_2", "https_traffic_only_enabled": true,
       "shared_access_key_enabled": true, "public_network_access_enabled": true, "network_rules": []}}
  ]}},
  "resource_changes": [
    {"address": "azurerm_machine_learning_compute_instance.ci", "mode": "managed", "type": "azurerm_machine_learning_compute_instance", "name": "ci",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"machine_learning_workspace_id": true}}},
    {"address": "azurerm_machine_learning_datastore_blobstorage.data", "mode": "managed", "type": "azurerm_machine_learning_datastore_blobstorage", "name": "data",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"account_key": true, "workspace_id": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "azurerm_machine_learning_compute_instance.ci", "mode": "managed", "type": "azurerm_machine_learning_compute_instance", "name": "ci",
     "expressions": {"machine_learning_workspace_id": {"references": ["azurerm_machine_learning_workspace.ml.id", "azurerm_machine_learning_workspace.ml"]}}},
    {"address": "azurerm_machine_learning_datastore_blobstorage.data", "mode": "managed", "type": "azurerm_machine_learning_datastore_blobstorage", "name": "data",
     "expressions": {"account_key": {"references": ["azurerm_storage_account.st.primary_access_key", "azurerm_storage_account.st"]},
                     "workspace_id": {"references": ["azurerm_machine_learning_workspace.ml.id", "azurerm_machine_learning_workspace.ml"]}}}
  ]}}
}`

func TestAdaptPlan(t *testing.T) {
	rs, diags := terraform.LoadPlan("plan.json", []byte(plan))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	m := azure.Adapt(rs, nil)
	if len(m.Workspaces) != 1 || len(m.Computes) != 1 || len(m.Datastores) != 1 || len(m.StorageAccounts) != 1 {
		t.Fatalf("model: %d workspaces, %d computes, %d datastores, %d storage accounts",
			len(m.Workspaces), len(m.Computes), len(m.Datastores), len(m.StorageAccounts))
	}
	ws := m.Workspaces[0]
	if !ws.PublicNetworkAccess.IsTrue() || !ws.CMK.Absent() || !ws.IsolationMode.Is("AllowInternetOutbound") || !ws.StorageAuth.Is("Identity") {
		t.Errorf("workspace: %+v", ws)
	}
	c := m.Computes[0]
	if !c.LocalAuth.IsTrue() || !c.NodePublicIP.IsFalse() || c.SSHPublic.IsTrue() || !c.Workspace.LinksTo(ws.Address) {
		t.Errorf("compute: %+v", c)
	}
	ds := m.Datastores[0]
	key, ok := ds.Credentials["account_key"]
	if !ok || !key.IsSet() || key.Known() || !key.LinksTo("azurerm_storage_account.st") {
		t.Errorf("datastore account_key: %+v (%v)", key, ok)
	}
	if _, ok := ds.Credentials["shared_access_signature"]; ok {
		t.Errorf("a null shared_access_signature is no credential: %+v", ds.Credentials)
	}
	if sa := m.StorageAccounts[0]; !sa.NetworkDefaultAction.Is("Allow") || sa.NetworkDefaultAction.Explicit || !sa.NestedPublic.IsFalse() {
		t.Errorf("storage account: %+v", sa)
	}
}

// TestAzapiJSONBody: azapi 1.x bodies are jsonencode strings; their ARM
// properties are read like a template's, and computed parts stay unknown.
func TestAzapiJSONBody(t *testing.T) {
	const src = `{"format_version": "1.2", "terraform_version": "1.11.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "azapi_resource.ep", "mode": "managed", "type": "azapi_resource", "name": "ep",
     "provider_name": "registry.terraform.io/azure/azapi",
     "values": {"type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-04-01", "name": "ep",
       "parent_id": "/subscriptions/0/resourceGroups/ml/providers/Microsoft.MachineLearningServices/workspaces/ws",
       "body": "{\"properties\":{\"authMode\":\"Key\",\"publicNetworkAccess\":\"Disabled\"}}"}}
  ]}}, "resource_changes": []}`
	rs, diags := terraform.LoadPlan("plan.json", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	m := azure.Adapt(rs, nil)
	if len(m.OnlineEndpoints) != 1 {
		t.Fatalf("%d endpoints", len(m.OnlineEndpoints))
	}
	if e := m.OnlineEndpoints[0]; !e.AuthMode.Is("Key") || !e.PublicNetworkAccess.IsFalse() || e.Type != "azapi_resource" {
		t.Errorf("endpoint: %+v", e)
	}
}

// TestProviderVersions: a root module pinned to azurerm 2.x keeps blobs
// private unless allow_blob_public_access says otherwise; 3.0 and later
// default allow_nested_items_to_be_public to true.
func TestProviderVersions(t *testing.T) {
	const account = `
resource "azurerm_storage_account" "st" {
  name                     = "st"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
%s}
`
	for _, tc := range []struct {
		name, version, attr string
		public, explicit    bool
	}{
		{"2.x pinned", "=2.76.0", "", false, false},
		{"2.x range", "~> 2.46", "", false, false},
		{"2.x written", "~> 2.0", "  allow_blob_public_access = true\n", true, true},
		{"3.x", "~> 3.0", "", true, false},
		{"4.x", ">= 4.0, < 5.0", "", true, false},
		{"open range", ">= 2.0", "", true, false},
		{"no constraint", "", "", true, false},
		{"renamed attribute wins", "=2.99.0", "  allow_nested_items_to_be_public = false\n", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := fstest.MapFS{"m/main.tf": {Data: []byte(fmt.Sprintf(account, tc.attr))}}
			if tc.version != "" {
				files["m/versions.tf"] = &fstest.MapFile{Data: []byte(`terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "` + tc.version + `"
    }
  }
}
`)}
			}
			tree, err := source.Discover(context.Background(), files, ".", source.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			res, err := terraform.Load(context.Background(), tree, terraform.Options{})
			if err != nil || len(res.Units) != 1 {
				t.Fatalf("load: %v, %d units", err, len(res.Units))
			}
			sa := azure.Adapt(res.Units[0].Resources, res.Units[0].Providers).StorageAccounts[0]
			if sa.NestedPublic.Value != tc.public || sa.NestedPublic.Explicit != tc.explicit || !sa.NestedPublic.Known() {
				t.Errorf("nested public %+v, want %v (explicit %v)", sa.NestedPublic, tc.public, tc.explicit)
			}
		})
	}
}

// TestProjectsInherit: an AI Foundry project takes its hub's settings, and
// has them unknown when the hub is not in the unit.
func TestProjectsInherit(t *testing.T) {
	const src = `{"format_version": "1.2", "terraform_version": "1.11.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "azapi_resource.hub", "mode": "managed", "type": "azapi_resource", "name": "hub",
     "values": {"type": "Microsoft.MachineLearningServices/workspaces@2024-10-01", "name": "hub",
       "body": {"kind": "Hub", "properties": {"publicNetworkAccess": "Disabled", "managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"}}}}},
    {"address": "azapi_resource.project", "mode": "managed", "type": "azapi_resource", "name": "project",
     "values": {"type": "Microsoft.MachineLearningServices/workspaces@2024-10-01", "name": "project",
       "body": {"kind": "Project", "properties": {}}}},
    {"address": "azapi_resource.orphan", "mode": "managed", "type": "azapi_resource", "name": "orphan",
     "values": {"type": "Microsoft.MachineLearningServices/workspaces@2024-10-01", "name": "orphan",
       "body": {"kind": "Project", "properties": {"hubResourceId": "/subscriptions/0/elsewhere"}}}}
  ]}},
  "resource_changes": [
    {"address": "azapi_resource.project", "mode": "managed", "type": "azapi_resource", "name": "project",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"body": {"properties": {"hubResourceId": true}}}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "azapi_resource.project", "mode": "managed", "type": "azapi_resource", "name": "project",
     "expressions": {"body": {"references": ["azapi_resource.hub.id", "azapi_resource.hub"]}}}
  ]}}}`
	rs, diags := terraform.LoadPlan("plan.json", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	m := azure.Adapt(rs, nil)
	if len(m.Workspaces) != 3 {
		t.Fatalf("%d workspaces", len(m.Workspaces))
	}
	byAddr := map[string]*azuremodel.Workspace{}
	for _, ws := range m.Workspaces {
		byAddr[ws.Address] = ws
	}
	project, orphan := byAddr["azapi_resource.project"], byAddr["azapi_resource.orphan"]
	if !project.PublicNetworkAccess.IsFalse() || !project.IsolationMode.Is("AllowOnlyApprovedOutbound") {
		t.Errorf("project: %+v", project)
	}
	if orphan.PublicNetworkAccess.Known() || orphan.IsolationMode.Known() || orphan.CMK.Known() {
		t.Errorf("a project whose hub is elsewhere: %+v", orphan)
	}
}
