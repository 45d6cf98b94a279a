// Package acheck holds what the Azure rules share: the vocabulary of the
// source a finding is on (azurerm attribute or ARM property names), the
// resource types of each kind, and the lookup of a resource's workspace.
package acheck

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/azure"
	"github.com/mlguard/mlguard/internal/rule"
)

// ARM reports whether a resource was read in ARM vocabulary: from a
// template (ARM types, Namespace/type, hold a slash; Terraform types never
// do), or from an azapi_resource body.
func ARM(res model.Resource) bool {
	return res.Type == "azapi_resource" || strings.Contains(res.Type, "/")
}

// Name is the setting's name in the resource's vocabulary.
func Name(res model.Resource, terraform, armName string) string {
	if ARM(res) {
		return armName
	}
	return terraform
}

// Resource types of each kind, in every source's spelling.
var (
	WorkspaceTypes = []string{"azurerm_machine_learning_workspace", "azurerm_ai_foundry", "Microsoft.MachineLearningServices/workspaces", "azapi_resource"}
	ComputeTypes   = []string{"azurerm_machine_learning_compute_instance", "azurerm_machine_learning_compute_cluster",
		"Microsoft.MachineLearningServices/workspaces/computes", "azapi_resource"}
	DatastoreTypes = []string{"azurerm_machine_learning_datastore_blobstorage", "azurerm_machine_learning_datastore_fileshare",
		"azurerm_machine_learning_datastore_datalake_gen2", "Microsoft.MachineLearningServices/workspaces/datastores", "azapi_resource"}
	AccountTypes = []string{"azurerm_cognitive_account", "azurerm_ai_services", "Microsoft.CognitiveServices/accounts", "azapi_resource"}
	StorageTypes = []string{"azurerm_storage_account", "Microsoft.Storage/storageAccounts", "azapi_resource"}
	VaultTypes   = []string{"azurerm_key_vault", "Microsoft.KeyVault/vaults", "azapi_resource"}
)

// WorkspaceOf returns the workspace of the unit a reference names, or nil
// when it is not in the unit (or the reference is unknown).
func WorkspaceOf(m *azure.Model, r model.Ref) *azure.Workspace {
	for _, ws := range m.Workspaces {
		if r.LinksTo(ws.Address) {
			return ws
		}
	}
	return nil
}

// Isolated reports whether a workspace is known to run its computes in a
// managed virtual network, and whether that is known at all.
func Isolated(ws *azure.Workspace) (isolated, known bool) {
	if ws == nil || !ws.IsolationMode.Known() {
		return false, false
	}
	return !strings.EqualFold(ws.IsolationMode.Value, azure.IsolationDisabled) && ws.IsolationMode.Value != "", true
}

// OpenToNetworks reports whether a public endpoint answers every network:
// public network access on and no default-deny network rules. at is where
// to point: the setting that opens it.
func OpenToNetworks(public model.Bool, defaultAction model.String) (open bool, at model.Meta) {
	if !public.IsTrue() || !defaultAction.Known() || strings.EqualFold(defaultAction.Value, "Deny") {
		return false, model.Meta{}
	}
	if defaultAction.Explicit {
		return true, defaultAction.Meta
	}
	return true, public.Meta
}

// Identities maps the identities ML resources run as (their own
// system-assigned identity, by the resource's address, and the user-assigned
// identities they list) to the resource.
type Identities struct{ ids, owners []string }

// MLIdentities collects the identities of the workspaces, hubs, computes,
// online endpoints and AI services accounts of a model.
func MLIdentities(m *azure.Model) *Identities {
	ix := &Identities{}
	add := func(addr string, uai []string) {
		ix.ids, ix.owners = append(ix.ids, addr), append(ix.owners, addr)
		for _, id := range uai {
			ix.ids, ix.owners = append(ix.ids, id), append(ix.owners, addr)
		}
	}
	for _, ws := range m.Workspaces {
		add(ws.Address, ws.Identities)
	}
	for _, c := range m.Computes {
		add(c.Address, c.Identities)
	}
	for _, e := range m.OnlineEndpoints {
		add(e.Address, e.Identities)
	}
	for _, a := range m.AIAccounts {
		add(a.Address, a.Identities)
	}
	return ix
}

// Owner returns the ML resource whose identity a principal reference names,
// the first in model order, or "" when it names none.
func (ix *Identities) Owner(principal model.Ref) string {
	for i, id := range ix.ids {
		if principal.LinksTo(id) {
			return ix.owners[i]
		}
	}
	return ""
}

// Each runs f on every resource of a collection and gathers the results
// it returns.
func Each[T any](items []T, f func(T) *rule.Result) []rule.Result {
	var out []rule.Result
	for _, it := range items {
		if r := f(it); r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// Ptr returns a result for the return value of Each's function.
func Ptr(r rule.Result) *rule.Result { return &r }

// When reports a result on a setting known to hold want, at the setting (or
// the resource, for a default), and nothing otherwise.
func When(res model.Resource, b model.Bool, want bool, value, format string, args ...any) *rule.Result {
	if !b.Known() || b.Value != want {
		return nil
	}
	return Ptr(rule.NewResult(res, b.Meta, value, format, args...))
}
