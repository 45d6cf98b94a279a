package arm

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/parse/node"
)

const schema = `"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"`

func parse(t *testing.T, src string, params map[string]string) (*Template, []string) {
	t.Helper()
	tpl, diags := Parse(context.Background(), "t.json", []byte(src), Options{Params: params})
	var ds []string
	for _, d := range diags {
		ds = append(ds, d.Summary+": "+d.Detail)
	}
	return tpl, ds
}

func TestExpressions(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`[parameters('name')]`, `"ws"`},
		{`[variables('full')]`, `"ws-prod"`},
		{`[concat('a', 'b', parameters('name'))]`, `"abws"`},
		{`[format('{0}-{1}', 'x', 3)]`, `"x-3"`},
		{`[if(equals(parameters('env'), 'prod'), 'Disabled', 'Enabled')]`, `"Disabled"`},
		{`[if(parameters('open'), 'Enabled', 'Disabled')]`, `(unknown)`},
		{`[if(parameters('open'), 'Same', 'Same')]`, `"Same"`},
		{`[not(equals(parameters('env'), 'dev'))]`, `true`},
		{`[and(true(), or(false, equals(1, 1)))]`, `true`},
		{`[or(parameters('open'), true())]`, `true`},
		{`[and(parameters('open'), false())]`, `false`},
		{`[toLower('ABC')]`, `"abc"`},
		{`[empty('')]`, `true`},
		{`[contains(createArray('a', 'b'), 'b')]`, `true`},
		{`[length(variables('list'))]`, `2`},
		{`[variables('obj').inner.flag]`, `false`},
		{`[variables('list')[1]]`, `"y"`},
		{`[union(variables('obj'), createObject('k', 'v')).k]`, `"v"`},
		{`[json('{"a": true}').a]`, `true`},
		{`[bool('true')]`, `true`},
		{`[string(3)]`, `"3"`},
		{`[coalesce(null(), 'x')]`, `"x"`},
		{`[[not an expression]`, `"[not an expression]"`},
		{`[resourceGroup().location]`, `(unknown)`},
		{`[uniqueString(resourceGroup().id)]`, `(unknown)`},
		{`[replace('a-b', '-', '')]`, `"ab"`},
		{`[split('a,b', ',')[1]]`, `"b"`},
		{`[join(createArray('a', 'b'), '/')]`, `"a/b"`},
		{`[last(variables('list'))]`, `"y"`},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			src := `{` + schema + `,
  "parameters": {"name": {"type": "string", "defaultValue": "ws"}, "env": {"type": "string", "defaultValue": "prod"}, "open": {"type": "bool"}},
  "variables": {"full": "[concat(parameters('name'), '-', parameters('env'))]", "list": ["x", "y"], "obj": {"inner": {"flag": false}}},
  "resources": [{"type": "Microsoft.Test/things", "apiVersion": "2024-01-01", "name": "t", "properties": {"v": ` + quote(tc.expr) + `}}]}`
			tpl, diags := parse(t, src, nil)
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			if got := show(tpl.Resources[0].Get("properties", "v")); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

func show(v *node.Value) string {
	if !v.Known() {
		return "(unknown)"
	}
	return v.JSON()
}

func TestResources(t *testing.T) {
	src := `{` + schema + `,
  // comments are allowed in templates
  "parameters": {"ws": {"type": "string", "defaultValue": "ml"}, "kv": {"type": "string"}, "deployCi": {"type": "bool", "defaultValue": false}},
  "resources": [
    {
      "type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01",
      "name": "[parameters('ws')]",
      "properties": {
        "keyVault": "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]", /* unknown name */
        "storageAccount": "[resourceId('Microsoft.Storage/storageAccounts', 'st')]"
      },
      "resources": [
        {"type": "computes", "apiVersion": "2024-04-01", "name": "cluster", "properties": {"computeType": "AmlCompute"}}
      ]
    },
    {"type": "Microsoft.MachineLearningServices/workspaces/computes", "apiVersion": "2024-04-01", "name": "ml/ci",
     "condition": "[parameters('deployCi')]", "properties": {}},
    {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "[parameters('kv')]", "properties": {}},
    {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st",
     "condition": "[equals(parameters('kv'), 'x')]", "properties": {"key": "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value]"}}
  ]}`
	tpl, diags := parse(t, src, nil)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var addrs []string
	for _, r := range tpl.Resources {
		addrs = append(addrs, r.Address)
	}
	want := []string{
		"Microsoft.MachineLearningServices/workspaces/ml",
		"Microsoft.MachineLearningServices/workspaces/ml/computes/cluster",
		"Microsoft.KeyVault/vaults/[parameters('kv')]",
		"Microsoft.Storage/storageAccounts/st",
	}
	if strings.Join(addrs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("resources:\n%s\nwant:\n%s", strings.Join(addrs, "\n"), strings.Join(want, "\n"))
	}
	ws := tpl.Resources[0]
	if kv := ws.Get("properties", "keyvault"); kv.Known() || !has(kv.Refs, want[2]) {
		t.Errorf("keyVault links %v, want %s", kv.Refs, want[2])
	}
	if st := ws.Get("properties", "storageAccount"); !has(st.Refs, want[3]) || st.Range.StartLine != 10 {
		t.Errorf("storageAccount: refs %v at line %d", st.Refs, st.Range.StartLine)
	}
	if tpl.Resources[1].Type != "Microsoft.MachineLearningServices/workspaces/computes" {
		t.Errorf("child type %s", tpl.Resources[1].Type)
	}
	if st := tpl.Resources[3]; !st.ConditionUnknown || st.Get("properties", "key").Known() || !has(st.Get("properties", "key").Refs, want[3]) {
		t.Errorf("storage account: condition unknown %v, key %+v", st.ConditionUnknown, st.Get("properties", "key"))
	}
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSymbolicAndNested(t *testing.T) {
	src := `{` + schema + `, "languageVersion": "2.0",
  "parameters": {"pna": {"type": "string", "defaultValue": "Disabled"}},
  "resources": {
    "old": {"existing": true, "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "old"},
    "ws": {"type": "Microsoft.MachineLearningServices/workspaces", "apiVersion": "2024-04-01", "name": "ws",
           "properties": {"publicNetworkAccess": "[parameters('pna')]", "sa": "[reference('old').primaryEndpoints]"}},
    "inner": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
      "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"access": {"value": "[parameters('pna')]"}},
        "template": {` + schema + `, "parameters": {"access": {"type": "string"}},
          "resources": [{"type": "Microsoft.CognitiveServices/accounts", "apiVersion": "2024-10-01", "name": "oai",
                         "properties": {"publicNetworkAccess": "[parameters('access')]"}}]}}},
    "outer": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer",
      "properties": {"mode": "Incremental", "template": {` + schema + `,
          "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv",
                         "properties": {"publicNetworkAccess": "[parameters('pna')]"}}]}}},
    "linked": {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
      "properties": {"mode": "Incremental", "templateLink": {"uri": "https://example.invalid/t.json"}}}
  }}`
	tpl, diags := parse(t, src, nil)
	if len(diags) != 1 || !strings.Contains(diags[0], "Linked template not read") {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(tpl.Resources) != 3 {
		t.Fatalf("%d resources", len(tpl.Resources))
	}
	for _, r := range tpl.Resources {
		if v := r.Get("properties", "publicNetworkAccess"); show(v) != `"Disabled"` {
			t.Errorf("%s: publicNetworkAccess %s", r.Address, show(v))
		}
	}
	if sa := tpl.Resources[0].Get("properties", "sa"); !has(sa.Refs, "Microsoft.Storage/storageAccounts/old") {
		t.Errorf("reference by symbol: %v", sa.Refs)
	}
	// A given parameter wins over the default.
	tpl, _ = parse(t, src, map[string]string{"pna": "Enabled"})
	if v := tpl.Resources[1].Get("properties", "publicNetworkAccess"); show(v) != `"Enabled"` {
		t.Errorf("given parameter: %s", show(v))
	}
}

func TestBadInput(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not json", `{"$schema": `, "Invalid ARM template"},
		{"no resources", `{` + schema + `}`, "no resources array"},
		{"array", `[1, 2]`, "not a JSON object"},
		{"bad expression", `{` + schema + `, "resources": [{"type": "A.B/c", "name": "x", "properties": {"v": "[concat('a']"}}]}`, "Invalid ARM template expression"},
		{"cycle", `{` + schema + `, "variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": [{"type": "A.B/c", "name": "[variables('a')]"}]}`, "Circular ARM variable"},
		{"no type", `{` + schema + `, "resources": [{"name": "x"}]}`, "no type"},
		{"duplicate key", `{` + schema + `, "resources": [], "resources": []}`, "duplicate key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := parse(t, tc.src, nil)
			if !strings.Contains(strings.Join(diags, "\n"), tc.want) {
				t.Errorf("diagnostics %v, want %q", diags, tc.want)
			}
		})
	}
}

// TestGrowth: variables that double each other stop at the bounds instead
// of taking memory and time exponential in their number.
func TestGrowth(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{` + schema + `, "variables": {"v0": "abcdefghijklmnop", "l0": ["a", "b"]`)
	for i := 1; i <= 80; i++ {
		sb.WriteString(strings.NewReplacer("N", strconv.Itoa(i), "P", strconv.Itoa(i-1)).Replace(
			`, "vN": "[concat(variables('vP'), variables('vP'))]", "lN": "[concat(variables('lP'), variables('lP'))]"`))
	}
	sb.WriteString(`}, "resources": [{"type": "A.B/c", "name": "x", "properties": {"s": "[variables('v80')]", "l": "[variables('l80')]"}}]}`)
	tpl, _ := parse(t, sb.String(), nil)
	if tpl.Resources[0].Get("properties", "s").Known() || tpl.Resources[0].Get("properties", "l").Known() {
		t.Error("values past the bounds must be unknown")
	}
}

// TestNameParts: a name only a deployment knows keeps its known parts, so a
// resourceId() over the same parameters links to the resource.
func TestNameParts(t *testing.T) {
	src := `{` + schema + `,
  "parameters": {"ws": {"type": "string"}, "ci": {"type": "string"}},
  "resources": [
    {"type": "Microsoft.MachineLearningServices/workspaces/computes", "apiVersion": "2024-10-01",
     "name": "[concat(parameters('ws'), '/', parameters('ci'))]", "properties": {}},
    {"type": "Microsoft.MachineLearningServices/workspaces/computes", "apiVersion": "2024-10-01",
     "name": "[format('{0}/{1}', parameters('ws'), 'fixed')]", "properties": {}},
    {"type": "Microsoft.Test/things", "apiVersion": "2024-01-01", "name": "t",
     "properties": {"compute": "[resourceId('Microsoft.MachineLearningServices/workspaces/computes', parameters('ws'), parameters('ci'))]"}}
  ]}`
	tpl, diags := parse(t, src, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := []string{
		"Microsoft.MachineLearningServices/workspaces/[parameters('ws')]/computes/[parameters('ci')]",
		"Microsoft.MachineLearningServices/workspaces/[parameters('ws')]/computes/fixed",
	}
	for i, w := range want {
		if tpl.Resources[i].Address != w {
			t.Errorf("address %q, want %q", tpl.Resources[i].Address, w)
		}
	}
	if refs := tpl.Resources[2].Get("properties", "compute").Refs; !has(refs, want[0]) {
		t.Errorf("resourceId links %v, want %s", refs, want[0])
	}
}

// A variable built by a copy loop is declared (unknown), not missing.
func TestVariableCopy(t *testing.T) {
	src := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {"copy": [{"name": "rules", "count": 2, "input": "[concat('r', copyIndex('rules'))]"}]},
  "resources": [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv",
    "properties": {"rules": "[variables('rules')]"}}]}`
	tpl, diags := Parse(context.Background(), "t.json", []byte(src), Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if v := tpl.Resources[0].Get("properties", "rules"); v == nil || v.Known() {
		t.Errorf("rules = %+v, want unknown", v)
	}
}
