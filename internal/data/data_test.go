package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/data/detect"
	"github.com/mlguard/mlguard/internal/data/gen"
	"github.com/mlguard/mlguard/internal/data/read"
	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/rule"
)

type cellKey struct {
	file   string
	record int
	column string
	typ    detect.Type
}

// generated writes the labelled datasets once per test.
func generated(t *testing.T, rows int) (string, *gen.Manifest) {
	t.Helper()
	dir := t.TempDir()
	m, err := gen.Write(dir, gen.Options{Seed: 7, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	return dir, m
}

// TestPrecisionRecall checks every cell of the generated datasets against
// the planted labels: each planted value is found (recall) and nothing
// else is (precision), hard negatives included. The table is in the log
// (go test -v -run TestPrecisionRecall ./internal/data).
func TestPrecisionRecall(t *testing.T) {
	dir, m := generated(t, 300)
	want := map[cellKey]bool{}
	files := map[string]bool{}
	for _, l := range m.Labels {
		want[cellKey{l.File, l.Record, l.Column, l.Type}] = true
		files[l.File] = true
	}
	det := detect.New(detect.Options{})
	got := map[cellKey]bool{}
	for f := range files {
		rec := 0
		_, err := read.File(context.Background(), filepath.Join(dir, f), read.DefaultLimits, func(r read.Record) error {
			for _, c := range r.Cells {
				for _, mt := range det.Find(c.Value, c.Column) {
					got[cellKey{f, rec, c.Column, mt.Type}] = true
				}
			}
			rec++
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	type score struct{ tp, fp, fn int }
	scores := map[detect.Type]*score{}
	at := func(t detect.Type) *score {
		if scores[t] == nil {
			scores[t] = &score{}
		}
		return scores[t]
	}
	var misses []string
	for k := range want {
		if got[k] {
			at(k.typ).tp++
		} else {
			at(k.typ).fn++
			misses = append(misses, fmt.Sprintf("missed %v", k))
		}
	}
	for k := range got {
		if !want[k] {
			at(k.typ).fp++
			misses = append(misses, fmt.Sprintf("false %v", k))
		}
	}
	sort.Strings(misses)
	for i, s := range misses {
		if i == 20 {
			t.Errorf("... %d more", len(misses)-20)
			break
		}
		t.Error(s)
	}
	t.Logf("%-30s %8s %8s %8s %9s %7s", "info type", "planted", "found", "false", "precision", "recall")
	for _, typ := range detect.Types {
		s := scores[typ]
		if s == nil {
			continue
		}
		t.Logf("%-30s %8d %8d %8d %9.3f %7.3f", typ, s.tp+s.fn, s.tp, s.fp, float64(s.tp)/float64(max(1, s.tp+s.fp)), float64(s.tp)/float64(max(1, s.tp+s.fn)))
	}
}

// TestClasses: every column of the generated datasets gets the class the
// generator planted, and no other column gets one.
func TestClasses(t *testing.T) {
	dir, m := generated(t, 120)
	res, err := Scan(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	var got, want []string
	for _, ds := range res.Datasets {
		rel, _ := filepath.Rel(dir, ds.Path)
		rel = filepath.ToSlash(rel)
		for _, c := range ds.Columns {
			if c.Class != "" {
				got = append(got, rel+" "+c.Name+" "+string(c.Class)+" "+c.Confidence)
			}
		}
	}
	for file, cols := range m.Classes {
		file = shardGroup(file)
		for col, class := range cols {
			want = append(want, file+" "+col+" "+string(class)+" high")
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Errorf("classes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if res.Files != 8 || len(res.Datasets) != 7 {
		t.Errorf("%d files in %d datasets, want 8 in 7 (two shards are one)", res.Files, len(res.Datasets))
	}
}

// A hidden directory is not descended into, and is counted, not skipped in
// silence.
func TestHiddenDirectoriesCounted(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{".cache/a.csv", "node_modules/b.csv", "c.csv"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("email\nada@example.com\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scan(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || len(res.Skipped) != 1 || !res.Skipped[0].Dirs || res.Skipped[0].Files != 2 {
		t.Errorf("read %d files, skipped %+v", res.Files, res.Skipped)
	}
}

// TestGraveMatchesSeverity: the info types the infrastructure rules name
// first are the ones the data scan reports at HIGH or above.
func TestGraveMatchesSeverity(t *testing.T) {
	for _, ty := range detect.Types {
		if grave := dataclass.Grave[string(ty)] > 0; grave != (Severity(ty) >= rule.High) {
			t.Errorf("%s: grave %v, severity %s", ty, grave, Severity(ty))
		}
	}
}
