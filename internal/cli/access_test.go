package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAccess: the multi-account example as a directory whose settings map
// its accounts, and as directories mapped with --account; the queries;
// and the mistakes a user makes.
func TestAccess(t *testing.T) {
	const dir = "../../examples/multi-account"
	code, out, stderr := run(t, "access", dir)
	if code != 1 || !strings.Contains(out, "role/bu-a-ds → assume → role/shared-mlops → read → bu-b-training-data") ||
		!strings.Contains(out, "2 findings: 1 critical, 1 high") || strings.Contains(stderr, "not evaluated") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	_, out, _ = run(t, "access", "-f", "json", dir)
	var doc struct {
		Schema   int `json:"schema_version"`
		Findings []struct{ ID string }
		Edges    []struct{ From, To, Capability string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Schema != 1 || len(doc.Findings) != 2 || len(doc.Edges) == 0 {
		t.Fatalf("json: %v %+v", err, doc)
	}
	for _, f := range []string{"sarif", "dot", "mermaid"} {
		if code, out, stderr := run(t, "access", "-f", f, dir); code != 1 || out == "" {
			t.Errorf("%s: exit %d %s", f, code, stderr)
		}
	}
	// Two accounts named on the command line: bu-b's data is not in the
	// analysis, so no finding crosses tenants; the open repository stays.
	code, out, stderr = run(t, "access", "--config", dir+"/.mlguard.yaml", dir+"/shared", dir+"/bu-a")
	if code != 1 || strings.Contains(out, "ACCESS-001") || !strings.Contains(out, "ACCESS-003") {
		t.Errorf("two accounts: exit %d: %s%s", code, out, stderr)
	}
	code, out, stderr = run(t, "access", "who-can", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::bu-b-training-data/x.csv", dir)
	if code != 0 || !strings.Contains(out, "role/bu-a-ds → assume → role/shared-mlops → s3:GetObject → bu-b-training-data") {
		t.Errorf("who-can: exit %d: %s%s", code, out, stderr)
	}
	code, out, stderr = run(t, "access", "what-can", "--principal", "anyone", dir)
	if code != 0 || !strings.Contains(out, "anyone → pull → ml-base") {
		t.Errorf("what-can: exit %d: %s%s", code, out, stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"access", "--account", "x=123", dir + "/shared"}, "12-digit"},
		{[]string{"access", dir + "/shared"}, "not mapped to an account"},
		{[]string{"access", "who-can", dir}, "needs --action and --resource"},
		{[]string{"access", "who-can", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::nowhere/x", dir}, "not an asset of the analysis"},
		{[]string{"access", "what-can", "--principal", "arn:aws:iam::999999999999:role/x", dir}, "not a principal of the analysis"},
		{[]string{"access", "--scp", "/nonexistent.json", dir}, "--scp"},
	} {
		code, _, stderr := run(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
