package compile_test

import (
	"context"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/compile"
	"github.com/mlguard/mlguard/internal/audit/compile/duckrun"
	"github.com/mlguard/mlguard/internal/audit/gen"
)

// localAlerts runs mlguard audit and keeps the alerts of the given clouds.
func localAlerts(t testing.TB, dir string, o compile.Options, clouds []string) map[string][]string {
	t.Helper()
	res, err := audit.Run(context.Background(), []audit.Input{{FS: os.DirFS(dir), Root: "."}},
		audit.Options{Since: o.Since, Until: o.Until, KnownNetworks: o.KnownNetworks})
	if err != nil {
		t.Fatal(err)
	}
	return duckrun.LocalAlerts(res, clouds)
}

// TestParity: over the generated logs, the duckdb queries raise the same
// alerts as mlguard audit on the same files (detector, cloud, principal,
// resource, address, first and last event, count), with and without known
// networks and in a closed window. The athena and trino queries run on the
// same data too, through macros for the few functions DuckDB spells
// differently, and must agree as well.
func TestParity(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	if _, err := gen.Write(gen.Config{Dir: dir, Start: start, Days: 10, Teams: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	since := start.AddDate(0, 0, 9)
	duck, _ := compile.Find("duckdb")
	files, err := duck.Compile(compile.Options{Logs: dir, Since: since})
	if err != nil {
		t.Fatal(err)
	}
	db, err := duckrun.Open(files[0].Content)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	windows := []struct {
		name string
		o    compile.Options
	}{
		{"learned addresses", compile.Options{Since: since}},
		{"known networks", compile.Options{Since: since, KnownNetworks: []netip.Prefix{netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("10.0.0.0/8")}}},
		{"closed window", compile.Options{Since: since.Add(-36 * time.Hour), Until: since.Add(6 * time.Hour)}},
	}
	for _, name := range []string{"duckdb", "athena", "trino"} {
		target, _ := compile.Find(name)
		for _, w := range windows {
			t.Run(name+"/"+w.name, func(t *testing.T) {
				o := w.o
				o.Logs, o.LearnDays = dir, 60
				files, err := target.Compile(o)
				if err != nil {
					t.Fatal(err)
				}
				got, err := duckrun.Alerts(db, files)
				if err != nil {
					t.Fatal(err)
				}
				want := localAlerts(t, dir, o, target.Clouds)
				total := 0
				for _, id := range compile.DetectorIDs() {
					if target.Cannot(id) != "" {
						continue
					}
					total += len(want[id])
					if !slices.Equal(got[id], want[id]) {
						t.Errorf("%s:\n  %s:\n    %s\n  mlguard audit:\n    %s", id, name, strings.Join(got[id], "\n    "), strings.Join(want[id], "\n    "))
					}
				}
				t.Logf("%s: %d alerts agree", name, total)
			})
		}
	}
}
