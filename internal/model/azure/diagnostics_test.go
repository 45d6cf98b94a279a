package azure

import (
	"testing"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/unknown"
)

func TestLogsBlobReads(t *testing.T) {
	sa := &StorageAccount{Resource: model.Resource{Address: "azurerm_storage_account.data"}, Name: model.String{Value: "acmedata"}}
	link := func(text string, unknownValue bool) model.Ref {
		return model.Ref{Meta: model.Meta{Explicit: true, Unknown: unknownValue}, Targets: []string{sa.Address}, Value: text}
	}
	literal := func(text string) model.Ref { return model.Ref{Meta: model.Meta{Explicit: true}, Value: text} }
	blobs := "/subscriptions/0/resourceGroups/ml/providers/Microsoft.Storage/storageAccounts/acmedata/blobServices/default"
	for _, c := range []struct {
		name          string
		target        model.Ref
		logs          []string
		logsKnown     bool
		logged, known bool
	}{
		{"no setting", model.Ref{}, nil, true, false, true},
		{"blob service, reads", link(unknown.Placeholder+"/blobServices/default", true), []string{"StorageRead"}, true, true, true},
		{"blob service, allLogs", literal(blobs), []string{"allLogs"}, true, true, true},
		{"blob service, writes only", literal(blobs), []string{"StorageWrite"}, true, false, true},
		{"the account itself", link("", false), []string{"StorageRead"}, true, false, true},
		{"another account", literal("Microsoft.Storage/storageAccounts/other/blobServices/default"), []string{"StorageRead"}, true, false, true},
		{"account name an expression", literal("Microsoft.Storage/storageAccounts/[parameters('n')]/blobServices/default"), []string{"StorageRead"}, true, false, false},
		{"a plan: target unknown", link("", true), []string{"StorageRead"}, true, false, false},
		{"logs unknown", literal(blobs), nil, false, false, false},
		{"target wholly unknown", model.Ref{Meta: model.Meta{Explicit: true, Unknown: true}}, []string{"StorageRead"}, true, false, false},
	} {
		m := &Model{}
		if c.name != "no setting" {
			m.DiagnosticSettings = []*DiagnosticSetting{{Target: c.target, Logs: c.logs, LogsKnown: c.logsKnown}}
		}
		if logged, known := m.LogsBlobReads(sa); logged != c.logged || known != c.known {
			t.Errorf("%s: logged %v known %v, want %v %v", c.name, logged, known, c.logged, c.known)
		}
	}
}
