package guardrail

import (
	"encoding/json"
	"testing"

	"github.com/mlguard/mlguard/internal/audit/cloudtrail"
)

// FuzzSpec: any spec text parses or is an error, and what parses compiles
// for every target without panicking.
func FuzzSpec(f *testing.F) {
	f.Add(DefaultYAML())
	f.Add([]byte("version: 1\nexempt_principals: [\"arn:aws:iam::*:role/x\"]\nguardrails:\n  approved-kms-keys: {aws: [\"*\"]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		_, _ = CompileSCPs(s)
		CompileOrgPolicies(s)
		CompileAzurePolicies(s)
	})
}

// FuzzReplay: any requestParameters of a replayed call give a request or an
// error, and the request evaluates against the default SCPs.
func FuzzReplay(f *testing.F) {
	for _, c := range generate(10, 3) {
		b, _ := json.Marshal(c.params)
		f.Add(c.name, b)
	}
	set, err := CompileSCPs(Default())
	if err != nil {
		f.Fatal(err)
	}
	var scps []NamedSCP
	for _, p := range set.Policies {
		scps = append(scps, NamedSCP{Name: p.Name, Policy: &p.Document})
	}
	r, err := NewReplayer(scps, Default())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string, params []byte) {
		rec := &cloudtrail.Record{Event: cloudtrail.Event{EventSource: "sagemaker.amazonaws.com", EventName: name, RequestParameters: params}}
		_, _, _ = r.Replay(rec)
	})
}
