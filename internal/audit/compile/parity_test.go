package compile

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/gen"
)

// alertRow is what parity compares: the detector, who, what, from where,
// the window and how many events.
func alertRow(detector, cloud, principal, resource, ip string, first, last time.Time, events int) string {
	return fmt.Sprintf("%s %s %s %q %s %s..%s %d", detector, cloud, principal, resource, ip,
		first.UTC().Format(time.RFC3339), last.UTC().Format(time.RFC3339), events)
}

// localAlerts runs mlguard audit and keeps the alerts of the clouds a
// detector compiles for.
func localAlerts(t testing.TB, dir string, o Options) map[string][]string {
	t.Helper()
	res, err := audit.Run(context.Background(), []audit.Input{{FS: os.DirFS(dir), Root: "."}},
		audit.Options{Since: o.Since, Until: o.Until, KnownNetworks: o.KnownNetworks})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, a := range res.Alerts {
		if !slices.Contains(detectorClouds[a.Detector], a.Cloud) {
			continue
		}
		out[a.Detector] = append(out[a.Detector], alertRow(a.Detector, a.Cloud, a.Principal, a.Resource, a.SourceIP, a.First, a.Last, a.Events))
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// duckAlerts runs the compiled queries of a target on DuckDB.
func duckAlerts(t testing.TB, db *sql.DB, files []File) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range files[1:] {
		if !strings.Contains(f.Content, "SELECT") {
			continue
		}
		rows, err := db.Query(f.Content)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for rows.Next() {
			var det, cloud, who string
			var res, ip sql.NullString
			var first, last time.Time
			var n int
			if err := rows.Scan(&det, &cloud, &who, &res, &ip, &first, &last, &n); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			out[det] = append(out[det], alertRow(det, cloud, who, res.String, ip.String, first, last, n))
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		rows.Close()
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// trinoShims are DuckDB macros for the Trino functions the athena and
// trino queries call that DuckDB spells differently, so those queries run
// here unchanged.
const trinoShims = `
CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p);
CREATE MACRO json_format(j) AS CAST(j AS VARCHAR);
CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p);
CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ) AT TIME ZONE 'UTC';
CREATE MACRO date_format(t, f) AS strftime(t, f);
CREATE OR REPLACE MACRO element_at(l, i) AS l[i];
`

// openDuck loads the duckdb target's views over the logs, copied into
// tables once so that each query does not read the files again.
func openDuck(t testing.TB, ddl string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(ddl); err != nil {
		t.Fatalf("tables: %v", err)
	}
	for _, v := range []string{"cloudtrail", "cloudaudit_googleapis_com_activity", "cloudaudit_googleapis_com_data_access", "azure_activity"} {
		q := fmt.Sprintf("CREATE TABLE t_%[1]s AS SELECT * FROM %[1]s; CREATE OR REPLACE VIEW %[1]s AS SELECT * FROM t_%[1]s;", v)
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", v, err)
		}
	}
	if _, err := db.Exec(trinoShims); err != nil {
		t.Fatalf("shims: %v", err)
	}
	return db
}

// generatedLogs writes ten days for three teams, the attacks on the last.
func generatedLogs(t testing.TB) (dir string, since time.Time) {
	dir = t.TempDir()
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Write(gen.Config{Dir: dir, Start: start, Days: 10, Teams: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	return dir, start.AddDate(0, 0, 9)
}

// parity compares a target's queries run on DuckDB with mlguard audit.
func parity(t *testing.T, db *sql.DB, target *Target, dir string, o Options) {
	t.Helper()
	o.Logs, o.LearnDays = dir, 60
	files, err := target.Compile(o)
	if err != nil {
		t.Fatal(err)
	}
	want, got := localAlerts(t, dir, o), duckAlerts(t, db, files)
	total := 0
	for _, id := range detectorIDs() {
		if target.Cannot(id) != "" {
			continue
		}
		w := filterClouds(want[id], target.Clouds)
		total += len(w)
		if !slices.Equal(got[id], w) {
			t.Errorf("%s:\n  %s:\n    %s\n  mlguard audit:\n    %s", id, target.Name, strings.Join(got[id], "\n    "), strings.Join(w, "\n    "))
		}
	}
	t.Logf("%s: %d alerts agree", target.Name, total)
}

// filterClouds keeps the rows of the given clouds.
func filterClouds(rows []string, clouds []string) []string {
	var out []string
	for _, r := range rows {
		if slices.Contains(clouds, strings.Fields(r)[1]) {
			out = append(out, r)
		}
	}
	return out
}

// windows are the option sets parity is checked in.
func windows(since time.Time) []struct {
	name string
	o    Options
} {
	return []struct {
		name string
		o    Options
	}{
		{"learned addresses", Options{Since: since}},
		{"known networks", Options{Since: since, KnownNetworks: []netip.Prefix{netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("10.0.0.0/8")}}},
		{"closed window", Options{Since: since.Add(-36 * time.Hour), Until: since.Add(6 * time.Hour)}},
	}
}

// TestParity: over the generated logs, the duckdb queries raise the same
// alerts as mlguard audit on the same files (detector, cloud, principal,
// resource, address, first and last event, count), with and without known
// networks and in a closed window. The athena and trino queries run on the
// same data too, through macros for the few functions DuckDB spells
// differently, and must agree as well.
func TestParity(t *testing.T) {
	dir, since := generatedLogs(t)
	duck, _ := Find("duckdb")
	files, err := duck.Compile(Options{Logs: dir, Since: since})
	if err != nil {
		t.Fatal(err)
	}
	db := openDuck(t, files[0].Content)
	for _, name := range []string{"duckdb", "athena", "trino"} {
		target, _ := Find(name)
		for _, w := range windows(since) {
			t.Run(name+"/"+w.name, func(t *testing.T) { parity(t, db, target, dir, w.o) })
		}
	}
}
