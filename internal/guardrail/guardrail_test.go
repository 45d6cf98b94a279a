package guardrail

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/iam/catalog"
)

func spec(t *testing.T, yaml string) *Spec {
	t.Helper()
	s, err := Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSCPsAreValid: every compiled statement names actions and condition
// keys the catalog knows, with operators IAM knows, and every policy fits.
func TestSCPsAreValid(t *testing.T) {
	full := spec(t, `version: 1
exempt_principals: ["arn:aws:iam::*:role/platform-deployer"]
guardrails:
  notebook-no-direct-internet: {}
  notebook-no-root: {}
  notebook-imdsv2: {}
  vpc-only: {}
  encryption-at-rest: {}
  network-isolation: {}
  inter-container-encryption: {}
  approved-kms-keys: {aws: ["arn:aws:kms:*:111122223333:key/*"]}
  approved-regions: {aws: [eu-west-1, eu-central-1]}
`)
	for name, s := range map[string]*Spec{"default": Default(), "full": full} {
		set, err := CompileSCPs(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sids := map[string]bool{}
		for _, st := range set.Statements {
			if sids[st.Statement.Sid] {
				t.Errorf("%s: Sid %s twice", name, st.Statement.Sid)
			}
			sids[st.Statement.Sid] = true
			if st.Policy == "" {
				t.Errorf("%s: %s packed into no policy", name, st.Statement.Sid)
			}
			for _, a := range st.Statement.Action {
				if len(catalog.Expand(a)) == 0 {
					t.Errorf("%s: %s: unknown action %s", name, st.Statement.Sid, a)
				}
			}
			for op, keys := range st.Statement.Condition {
				if !iam.KnownOperator(op) {
					t.Errorf("%s: %s: unknown operator %s", name, st.Statement.Sid, op)
				}
				for key := range keys {
					if _, ok := catalog.ConditionKeyType(key); !ok && !strings.HasPrefix(key, "aws:") {
						t.Errorf("%s: %s: unknown condition key %s", name, st.Statement.Sid, key)
					}
				}
			}
			if name == "full" && len(st.Statement.Condition["ArnNotLike"]["aws:PrincipalARN"]) != 1 {
				t.Errorf("%s: %s does not exempt the deployer", name, st.Statement.Sid)
			}
		}
		for _, p := range set.Policies {
			b, _ := json.Marshal(p.Document)
			if len(b) > MaxSCPChars || p.Chars != len(b) {
				t.Errorf("%s: %s is %d characters (says %d)", name, p.Name, len(b), p.Chars)
			}
		}
		if name == "full" && (!sids["DenyUnapprovedVolumeKmsKeyArn"] || !sids["DenyMLOutsideApprovedRegions"]) {
			t.Errorf("full: statements %v", sids)
		}
	}
}

// TestSCPsSplit: statements that do not fit one policy go into more, none
// over the limit, each statement in exactly one.
func TestSCPsSplit(t *testing.T) {
	var keys []string
	for i := range 30 {
		keys = append(keys, fmt.Sprintf("arn:aws:kms:eu-west-1:111122223333:key/%08d-0000-4000-8000-000000000000", i))
	}
	s := Default()
	s.Guardrails.ApprovedKMSKeys.AWS = keys
	set, err := CompileSCPs(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Policies) < 2 {
		t.Fatalf("%d policies", len(set.Policies))
	}
	placed := 0
	for _, p := range set.Policies {
		if p.Chars > MaxSCPChars {
			t.Errorf("%s: %d characters", p.Name, p.Chars)
		}
		placed += len(p.Document.Statements)
	}
	if placed != len(set.Statements) {
		t.Errorf("%d statements placed of %d", placed, len(set.Statements))
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"version: 2\n", "version 2 is not supported"},
		{"version: 1\nguardrails:\n  notebook-no-internet: {}\n", "line 3: unknown key notebook-no-internet"},
		{"version: 1\nexempt_principals: [deployer]\n", `"deployer" is not an IAM ARN pattern`},
	} {
		if _, err := Parse("g.yaml", []byte(c.yaml)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.yaml, err, c.want)
		}
	}
}

func TestOrgPoliciesAndAzure(t *testing.T) {
	s := Default()
	s.GCP.Parent = "folders/123"
	s.Guardrails.VPCOnly.GCPNetworks = []string{"projects/ml/global/networks/ml"}
	s.Guardrails.ApprovedRegions.GCP = []string{"in:eu-locations"}
	s.Guardrails.ApprovedRegions.Azure = []string{"westeurope"}
	var names []string
	for _, p := range CompileOrgPolicies(s).Policies {
		names = append(names, p.Name)
	}
	want := []string{"folders/123/policies/ainotebooks.restrictPublicIp", "folders/123/policies/ainotebooks.disableRootAccess",
		"folders/123/policies/ainotebooks.disableFileDownloads", "folders/123/policies/ainotebooks.restrictVpcNetworks",
		"folders/123/policies/gcp.restrictNonCmekServices", "folders/123/policies/gcp.resourceLocations"}
	if !slices.Equal(names, want) {
		t.Errorf("org policies %q", names)
	}
	az := CompileAzurePolicies(s)
	var fields []string
	for _, d := range az.Definitions {
		b, _ := json.Marshal(d.Properties.PolicyRule)
		fields = append(fields, d.Name+" "+string(b))
	}
	for _, f := range []string{"computes/enableNodePublicIP", "computes/disableLocalAuth", "workspaces/publicNetworkAccess", "workspaces/encryption.status", `"notIn":["westeurope"]`} {
		if !strings.Contains(strings.Join(fields, "\n"), f) {
			t.Errorf("no Azure definition tests %s", f)
		}
	}
}

// replayAll replays every record of a trail directory.
func replayAll(t *testing.T, r *Replayer, fsys fstest.MapFS) []Call {
	t.Helper()
	files, err := cloudtrail.Files(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var calls []Call
	for _, f := range files {
		err := cloudtrail.ReadFile(context.Background(), fsys, f, cloudtrail.DefaultLimits, func(rec *cloudtrail.Record) error {
			c, ok, err := r.Replay(rec)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				calls = append(calls, c)
			}
			return nil
		}, func(rej cloudtrail.Rejected) { t.Fatalf("rejected %+v", rej) })
		if err != nil {
			t.Fatal(err)
		}
	}
	return calls
}

func compiled(t *testing.T, s *Spec) []NamedSCP {
	t.Helper()
	set, err := CompileSCPs(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []NamedSCP
	for _, p := range set.Policies {
		// Through JSON, as the files are read back.
		b, _ := json.Marshal(p.Document)
		pol, err := iam.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, NamedSCP{Name: p.Name, Policy: pol})
	}
	return out
}

// call is one generated SageMaker call and the guardrails it breaks, told
// from its parameters alone, without condition keys.
type call struct {
	name   string
	params map[string]any
	breaks []string
}

// generate makes n calls with each security setting randomly on or off.
func generate(n int, seed uint64) []call {
	rnd := rand.New(rand.NewPCG(seed, 1))
	flip := func() bool { return rnd.IntN(2) == 0 }
	key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	vpc := map[string]any{"subnets": []any{"subnet-1", "subnet-2"}, "securityGroupIds": []any{"sg-1"}}
	var out []call
	for i := range n {
		p := map[string]any{}
		var breaks []string
		need := func(ok bool, guardrail string) {
			if !ok {
				breaks = append(breaks, guardrail)
			}
		}
		var name string
		switch i % 5 {
		case 0:
			name = "CreateNotebookInstance"
			p["instanceType"] = "ml.t3.medium"
			if v := rnd.IntN(3); v > 0 {
				p["directInternetAccess"] = []string{"", "Enabled", "Disabled"}[v]
			}
			if v := rnd.IntN(3); v > 0 {
				p["rootAccess"] = []string{"", "Enabled", "Disabled"}[v]
			}
			sub, kms, imds := flip(), flip(), flip()
			if sub {
				p["subnetId"] = "subnet-1"
			}
			if kms {
				p["kmsKeyId"] = key
			}
			if imds {
				p["instanceMetadataServiceConfiguration"] = map[string]any{"minimumInstanceMetadataServiceVersion": "2"}
			}
			need(p["directInternetAccess"] == "Disabled", NotebookNoDirectInternet)
			need(p["rootAccess"] == "Disabled", NotebookNoRoot)
			need(imds, NotebookIMDSv2)
			need(sub, VPCOnly)
			need(kms, EncryptionAtRest)
		case 1, 2:
			name = "CreateTrainingJob"
			vol, out, inVPC := flip(), flip(), flip()
			rc := map[string]any{"instanceType": "ml.m5.xlarge", "instanceCount": 2}
			if vol {
				rc["volumeKmsKeyId"] = key
			}
			p["resourceConfig"] = rc
			oc := map[string]any{"s3OutputPath": "s3://b/"}
			if out {
				oc["kmsKeyId"] = key
			}
			p["outputDataConfig"] = oc
			if inVPC {
				p["vpcConfig"] = vpc
			}
			iso, ice := rnd.IntN(3), rnd.IntN(3)
			if iso > 0 {
				p["enableNetworkIsolation"] = iso == 2
			}
			if ice > 0 {
				p["enableInterContainerTrafficEncryption"] = ice == 2
			}
			need(inVPC, VPCOnly)
			need(vol && out, EncryptionAtRest)
			need(iso == 2, NetworkIsolation)
			need(ice == 2, InterContainerEncryption)
		case 3:
			name = "CreateModel"
			inVPC, iso := flip(), flip()
			if inVPC {
				p["vpcConfig"] = vpc
			}
			p["enableNetworkIsolation"] = iso
			need(inVPC, VPCOnly)
			need(iso, NetworkIsolation)
		case 4:
			name = "CreateEndpointConfig"
			p["productionVariants"] = []any{map[string]any{"instanceType": "ml.m5.large"}}
			kms := flip()
			if kms {
				p["kmsKeyId"] = key
			}
			need(kms, EncryptionAtRest)
		}
		out = append(out, call{name: name, params: p, breaks: breaks})
	}
	return out
}

func trail(calls []call) fstest.MapFS {
	var recs []map[string]any
	for i, c := range calls {
		recs = append(recs, map[string]any{
			"eventVersion": "1.09", "eventTime": fmt.Sprintf("2026-11-20T10:%02d:%02dZ", i/60%60, i%60),
			"eventSource": "sagemaker.amazonaws.com", "eventName": c.name, "awsRegion": "us-east-1",
			"eventID": fmt.Sprintf("gen-%04d", i), "requestParameters": c.params,
			"userIdentity": map[string]any{"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/ds/s",
				"sessionContext": map[string]any{"sessionIssuer": map[string]any{"arn": "arn:aws:iam::111122223333:role/ds"}}},
		})
	}
	b, _ := json.Marshal(map[string]any{"Records": recs})
	return fstest.MapFS{"AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/gen.json": {Data: b}}
}

// TestReplayGeneratedTrail: on generated calls with every security setting
// randomly on, off or left out, the compiled SCPs deny exactly the calls
// that break a guardrail (told from the parameters), and the replay names
// exactly the guardrails they break.
func TestReplayGeneratedTrail(t *testing.T) {
	calls := generate(500, 7)
	r, err := NewReplayer(compiled(t, Default()), Default())
	if err != nil {
		t.Fatal(err)
	}
	got := replayAll(t, r, trail(calls))
	if len(got) != len(calls) {
		t.Fatalf("%d calls replayed of %d", len(got), len(calls))
	}
	counts := map[string]int{}
	for i, c := range got {
		counts[c.Verdict]++
		want := Passed
		if len(calls[i].breaks) > 0 {
			want = Blocked
		}
		var broken []string
		for _, v := range c.Violates {
			g, _, _ := strings.Cut(v, " ")
			if !slices.Contains(broken, g) {
				broken = append(broken, g)
			}
		}
		sort.Strings(broken)
		sort.Strings(calls[i].breaks)
		if c.Verdict != want || !slices.Equal(broken, calls[i].breaks) {
			t.Errorf("%s %v: verdict %s, breaks %v; want %s, %v", calls[i].name, calls[i].params, c.Verdict, broken, want, calls[i].breaks)
		}
	}
	if counts[Blocked] == 0 || counts[Passed] == 0 {
		t.Errorf("the generator made no mix: %v", counts)
	}
}

// TestReplayExample: the example trail against the compiled defaults, the
// hand-written SCP beside it, and the defaults with an exemption.
func TestReplayExample(t *testing.T) {
	dir := "../../examples/guardrails"
	fsys := fstest.MapFS{}
	err := filepathWalk(filepath.Join(dir, "trail"), func(p string, data []byte) {
		fsys[strings.TrimPrefix(p, filepath.Join(dir, "trail")+"/")] = &fstest.MapFile{Data: data}
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "scps", "hand-written.json"))
	if err != nil {
		t.Fatal(err)
	}
	hand, err := iam.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	exempt := Default()
	exempt.ExemptPrincipals = []string{"arn:aws:iam::111122223333:role/ds-team"}
	cases := []struct {
		name string
		scps []NamedSCP
		want string // verdict of each call, in order
	}{
		{"compiled defaults", compiled(t, Default()), "passed blocked blocked passed passed blocked passed passed blocked blocked"},
		{"hand-written", []NamedSCP{{Name: "hand-written.json", Policy: hand}}, "passed gap gap passed over-blocked gap passed passed gap gap"},
		{"ds-team exempt", compiled(t, exempt), "passed gap gap passed passed blocked passed passed gap blocked"},
	}
	for _, c := range cases {
		r, err := NewReplayer(c.scps, Default())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, call := range replayAll(t, r, fsys) {
			got = append(got, call.Verdict)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: %s", c.name, strings.Join(got, " "))
		}
	}
}

func filepathWalk(root string, fn func(string, []byte)) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			fn(p, bytes.TrimSpace(data))
		}
		return err
	})
}
