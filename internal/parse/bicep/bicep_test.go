package bicep

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/parse/arm"
	"github.com/mlguard/mlguard/internal/parse/node"
	"github.com/mlguard/mlguard/internal/source"
	"github.com/mlguard/mlguard/internal/unknown"
)

func load(t *testing.T, files map[string]string, root string, params map[string]string) (*arm.Template, source.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, c := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(c)}
	}
	fs := NewFiles(func(p string) ([]byte, error) { return source.ReadFile(fsys, p, 1<<20) })
	return fs.Load(context.Background(), root, Options{Params: params})
}

// summary lists each resource as address, its lines and whether its
// deployment is undecided.
func summary(t *arm.Template) []string {
	var out []string
	for _, r := range t.Resources {
		s := fmt.Sprintf("%s %s:%d", r.Address, r.Range.File, r.Range.StartLine)
		if r.ConditionUnknown {
			s += " ?"
		}
		out = append(out, s)
	}
	return out
}

func TestResources(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"params, vars and interpolation", map[string]string{"main.bicep": `
param prefix string = 'ml'
var name = '${prefix}-ws'
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: name
  location: 'westeurope'
}`}, []string{"Microsoft.MachineLearningServices/workspaces/ml-ws main.bicep:4"}},
		{"nested and parent children", map[string]string{"main.bicep": `
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'data'
  resource blob 'blobServices' = {
    name: 'default'
    resource c 'containers' = { name: 'raw' }
  }
}
resource c2 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: st::blob
  name: 'curated'
}`}, []string{
			"Microsoft.Storage/storageAccounts/data main.bicep:2",
			"Microsoft.Storage/storageAccounts/data/blobServices/default main.bicep:4",
			"Microsoft.Storage/storageAccounts/data/blobServices/default/containers/raw main.bicep:6",
			"Microsoft.Storage/storageAccounts/data/blobServices/default/containers/curated main.bicep:9",
		}},
		{"conditions", map[string]string{"main.bicep": `
param deployB bool
resource a 'Microsoft.KeyVault/vaults@2023-07-01' = if (false) { name: 'a' }
resource b 'Microsoft.KeyVault/vaults@2023-07-01' = if (deployB) { name: 'b' }
resource c 'Microsoft.KeyVault/vaults@2023-07-01' = if (1 < 2 && !false) { name: 'c' }`}, []string{
			"Microsoft.KeyVault/vaults/b main.bicep:4 ?",
			"Microsoft.KeyVault/vaults/c main.bicep:5",
		}},
		{"loops", map[string]string{"main.bicep": `
param regions array = ['westeurope', 'northeurope']
param n int
resource v 'Microsoft.KeyVault/vaults@2023-07-01' = [for (r, i) in regions: {
  name: 'kv-${r}-${i}'
}]
resource w 'Microsoft.KeyVault/vaults@2023-07-01' = [for i in range(0, n): { name: 'w${i}' }]
resource x 'Microsoft.KeyVault/vaults@2023-07-01' = [for r in regions: if (r != 'northeurope') { name: 'x-${r}' }]`}, []string{
			"Microsoft.KeyVault/vaults/kv-westeurope-0 main.bicep:4",
			"Microsoft.KeyVault/vaults/kv-northeurope-1 main.bicep:4",
			"Microsoft.KeyVault/vaults/w" + "\x00" + " main.bicep:7 ?",
			"Microsoft.KeyVault/vaults/x-westeurope main.bicep:8",
		}},
		{"existing is not deployed", map[string]string{"main.bicep": `
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = { name: 'shared' }
resource ci 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {
  parent: ws
  name: 'ci'
}`}, []string{"Microsoft.MachineLearningServices/workspaces/shared/computes/ci main.bicep:3"}},
		{"modules with parameters and outputs", map[string]string{
			"main.bicep": `
module kv 'mods/kv.bicep' = {
  name: 'kv'
  params: { name: 'platform' }
}
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws-${kv.outputs.vaultName}'
}
module many 'mods/kv.bicep' = [for n in ['a', 'b']: { name: n, params: { name: n } }]
module remote 'br/public:avm/res/key-vault/vault:0.9.0' = { name: 'r' }`,
			"mods/kv.bicep": `
param name string
param sku string = 'standard'
resource v 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${name}-kv'
  properties: { sku: { name: sku } }
}
output vaultName string = v.name`,
		}, []string{
			// The module is deployed when its output is first needed.
			"Microsoft.KeyVault/vaults/platform-kv mods/kv.bicep:4",
			"Microsoft.MachineLearningServices/workspaces/ws-platform-kv main.bicep:6",
			"Microsoft.KeyVault/vaults/a-kv mods/kv.bicep:4",
			"Microsoft.KeyVault/vaults/b-kv mods/kv.bicep:4",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tpl, diags := load(t, tc.files, "main.bicep", nil)
			for _, d := range diags {
				if d.Summary != "Registry module not read" {
					t.Errorf("diagnostic %v", d)
				}
			}
			want := make([]string, len(tc.want))
			for i, w := range tc.want {
				want[i] = strings.ReplaceAll(w, "\x00", unknown.Placeholder)
			}
			if got := summary(tpl); !slices.Equal(got, want) {
				t.Errorf("resources:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// value finds a resource's value at a path of its body.
func value(t *testing.T, tpl *arm.Template, addr string, path ...string) *node.Value {
	t.Helper()
	for _, r := range tpl.Resources {
		if r.Address == addr {
			return r.Get(path...)
		}
	}
	t.Fatalf("no resource %s in %q", addr, summary(tpl))
	return nil
}

func TestValues(t *testing.T) {
	files := map[string]string{
		"main.bicep": `param access string = 'Enabled'
param secret string
param tags object = { team: 'ml' }
var extra = { b: 2 }
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'data'
  tags: union(tags, { env: 'prod' })
  properties: {
    publicNetworkAccess: access
    minimumTlsVersion: toLower('TLS1_2') == 'tls1_2' ? 'TLS1_2' : 'TLS1_0'
    key: secret
    missing: tags.?nothing ?? 'fallback'
    spread: { a: 1, ...extra }
    ids: [st2.id, st2.name]
  }
}
resource st2 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'other'
  properties: { ...unknownThing }
}
module m 'mod.bicep' = {
  name: 'm'
  params: secret == 'x' ? { level: 'high' } : { level: 'low' }
}`,
		"mod.bicep": `param level string = 'default'
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv'
  properties: { level: level }
}`,
	}
	tpl, diags := load(t, files, "main.bicep", map[string]string{"access": "Disabled"})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	const st = "Microsoft.Storage/storageAccounts/data"
	check := func(path string, want string, line int) {
		t.Helper()
		v := value(t, tpl, st, strings.Split(path, ".")...)
		got := "unknown"
		if v.Known() {
			got = v.JSON()
		}
		if got != want || v.Range.StartLine != line {
			t.Errorf("%s = %s at line %d, want %s at line %d", path, got, v.Range.StartLine, want, line)
		}
	}
	check("properties.publicNetworkAccess", `"Disabled"`, 9) // given on the command line, placed where it is used
	check("properties.minimumTlsVersion", `"TLS1_2"`, 10)
	check("properties.key", "unknown", 11) // no default: the deployment's
	check("properties.missing", `"fallback"`, 12)
	check("properties.spread", `{"a":1,"b":2}`, 13)
	check("tags", `{"env":"prod","team":"ml"}`, 7)
	ids := value(t, tpl, st, "properties", "ids")
	if id := ids.List[0]; id.Known() || !slices.Contains(id.AllRefs(), "Microsoft.Storage/storageAccounts/other") {
		t.Errorf("st2.id = %+v, want unknown linking to the resource", id)
	}
	if name, _ := ids.List[1].Text(); name != "other" {
		t.Errorf("st2.name = %q", name)
	}
	if p := value(t, tpl, "Microsoft.Storage/storageAccounts/other", "properties"); p.Known() {
		t.Errorf("a spread of an unknown value leaves the properties known: %s", p.JSON())
	}
	// The module's parameters depend on a parameter without a value: its
	// default does not apply.
	if v := value(t, tpl, "Microsoft.KeyVault/vaults/kv", "properties", "level"); v.Known() {
		t.Errorf("module parameter = %s, want unknown", v.JSON())
	}
}

func TestParamsFile(t *testing.T) {
	files := map[string]string{
		"main.bicep":       "param access string = 'Enabled'\nresource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {\n  name: 'ws'\n  properties: { publicNetworkAccess: access }\n}\n",
		"main.bicepparam":  "using 'main.bicep'\nvar a = 'Dis'\nparam access = '${a}abled'\n",
		"other.bicepparam": "using 'br/public:avm/res/x:1.0.0'\n",
	}
	tpl, diags := load(t, files, "main.bicepparam", nil)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if v, _ := value(t, tpl, "Microsoft.MachineLearningServices/workspaces/ws", "properties", "publicNetworkAccess").Text(); v != "Disabled" {
		t.Errorf("publicNetworkAccess = %q, want the .bicepparam value", v)
	}
	_, diags = load(t, files, "other.bicepparam", nil)
	if len(diags) != 1 || diags[0].Summary != "Registry module not read" {
		t.Errorf("diagnostics %v", diags)
	}
}

// Bad and hostile files end with an error at their line; nothing hangs.
func TestBadInput(t *testing.T) {
	deep := "var x = " + strings.Repeat("(", 10_000) + "1" + strings.Repeat(")", 10_000)
	cases := []struct {
		name  string
		files map[string]string
		want  string // a diagnostic's range and summary
	}{
		{"syntax error", map[string]string{"main.bicep": "param a string\n\nresource x 'T@1' = {\n  name: \n}\n"}, "main.bicep:5: Invalid Bicep"},
		{"unterminated string", map[string]string{"main.bicep": "var a = 'abc\n"}, "main.bicep:1: Invalid Bicep"},
		{"deep nesting", map[string]string{"main.bicep": deep}, "main.bicep:1: Invalid Bicep"},
		{"variable cycle", map[string]string{"main.bicep": "var a = b\nvar b = a\nresource x 'Microsoft.KeyVault/vaults@1' = { name: a }\n"}, "main.bicep:2: Invalid Bicep"},
		{"module cycle", map[string]string{"main.bicep": "module a 'a.bicep' = { name: 'a' }\n", "a.bicep": "module m 'main.bicep' = { name: 'm' }\n"}, "a.bicep:1: Invalid Bicep"},
		{"name refers to itself", map[string]string{"main.bicep": "resource a 'Microsoft.KeyVault/vaults@1' = {\n  name: a.id\n}\n"}, "main.bicep:1-3: Invalid Bicep"},
		{"missing module", map[string]string{"main.bicep": "module a 'nope.bicep' = { name: 'a' }\n"}, "nope.bicep: Bicep module not read"},
		{"endless loops", map[string]string{"main.bicep": "var x = [for i in range(0, 1000): [for j in range(0, 1000): [for k in range(0, 1000): k]]]\nresource r 'Microsoft.KeyVault/vaults@1' = { name: 'r', properties: { x: x } }\n"}, "main.bicep:1: Bicep evaluation too long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := load(t, tc.files, "main.bicep", nil)
			var got []string
			for _, d := range diags {
				got = append(got, d.Range.String()+": "+d.Summary)
			}
			if !slices.Contains(got, tc.want) {
				t.Errorf("diagnostics %q, want %q", got, tc.want)
			}
		})
	}
	// A string that doubles forty times stops at the bound, unknown.
	var b strings.Builder
	b.WriteString("var s0 = 'abcdefgh'\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "var s%d = '${s%d}${s%d}'\n", i, i-1, i-1)
	}
	b.WriteString("resource r 'Microsoft.KeyVault/vaults@1' = { name: 'r', properties: { s: s40 } }\n")
	tpl, diags := load(t, map[string]string{"main.bicep": b.String()}, "main.bicep", nil)
	if len(diags) > 0 || value(t, tpl, "Microsoft.KeyVault/vaults/r", "properties", "s").Known() {
		t.Errorf("a string past the bound must be unknown: %v", diags)
	}
}

// A spread of a condition adds the keys of its branches, unknown; the
// other properties stay known, and nothing else is added.
func TestConditionalSpread(t *testing.T) {
	tpl, diags := load(t, map[string]string{"main.bicep": `param pe array
resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'ws'
  properties: {
    publicNetworkAccess: 'Disabled'
    ...(!empty(pe) ? { sharedPrivateLinkResources: pe, hbiWorkspace: true } : {})
  }
}`}, "main.bicep", nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	const ws = "Microsoft.MachineLearningServices/workspaces/ws"
	if v, _ := value(t, tpl, ws, "properties", "publicNetworkAccess").Text(); v != "Disabled" {
		t.Errorf("publicNetworkAccess = %q", v)
	}
	if v := value(t, tpl, ws, "properties", "hbiWorkspace"); v == nil || v.Known() {
		t.Errorf("hbiWorkspace = %+v, want unknown", v)
	}
	if v := value(t, tpl, ws, "properties", "managedNetwork"); v != nil {
		t.Errorf("managedNetwork = %+v, want absent", v)
	}
}
