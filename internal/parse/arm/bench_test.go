package arm

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// bigTemplate is a template of n workspaces, each with a compute, a
// datastore and an endpoint as child resources, names and settings built
// from parameters and variables the way quickstarts write them.
func bigTemplate(n int) []byte {
	var sb strings.Builder
	sb.WriteString(`{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {"prefix": {"type": "string", "defaultValue": "ml"}, "access": {"type": "string", "defaultValue": "Enabled"}},
  "variables": {"suffix": "[uniqueString(resourceGroup().id)]", "tags": {"team": "ml"}},
  "resources": [`)
	for i := range n {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `
    {"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-10-01",
     "name": "[concat(parameters('prefix'), '-ws%d')]", "location": "[resourceGroup().location]", "tags": "[variables('tags')]",
     "identity": {"type": "SystemAssigned"},
     "properties": {"publicNetworkAccess": "[parameters('access')]",
       "storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', concat('st', variables('suffix'), '%d'))]",
       "keyVault": "[resourceId('Microsoft.KeyVault/vaults', format('kv-{0}-%d', variables('suffix')))]",
       "hbiWorkspace": "[equals(parameters('access'), 'Disabled')]"},
     "resources": [
       {"type": "computes", "apiVersion": "2024-10-01", "name": "ci", "properties": {"computeType": "ComputeInstance",
        "properties": {"vmSize": "Standard_DS3_v2", "enableNodePublicIp": "[not(equals(parameters('access'), 'Disabled'))]"}}},
       {"type": "datastores", "apiVersion": "2024-10-01", "name": "data", "properties": {"datastoreType": "AzureBlob",
        "credentials": {"credentialsType": "AccountKey", "secrets": {"secretsType": "AccountKey",
          "key": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', concat('st', variables('suffix'), '%d')), '2023-05-01').keys[0].value]"}}}},
       {"type": "onlineEndpoints", "apiVersion": "2024-10-01", "name": "score", "properties": {"authMode": "Key"}}
     ]}`, i, i, i, i)
	}
	sb.WriteString("\n  ]}\n")
	return []byte(sb.String())
}

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{10, 1000} {
		data := bigTemplate(n)
		b.Run(fmt.Sprintf("workspaces=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				tpl, diags := Parse(context.Background(), "bench.json", data, Options{})
				if len(diags) > 0 || len(tpl.Resources) != 4*n {
					b.Fatalf("%d resources, %v", len(tpl.Resources), diags)
				}
			}
		})
	}
}
