package dockerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mlguard/mlguard/internal/model/image"
	parse "github.com/mlguard/mlguard/internal/parse/dockerfile"
)

func adapt(t testing.TB, text string) *image.Dockerfile {
	t.Helper()
	f, _ := parse.Parse("Dockerfile", []byte(text))
	m := Adapt(f)
	if len(m.Dockerfiles) != 1 {
		t.Fatalf("%d Dockerfiles", len(m.Dockerfiles))
	}
	return m.Dockerfiles[0]
}

func TestExpansion(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		from, user string // of the last stage; "?" for not known
	}{
		{name: "meta argument default", text: "ARG T=3.12\nFROM python:${T}-slim\n", from: "python:3.12-slim"},
		{name: "meta argument without default", text: "ARG T\nFROM python:${T}\n", from: "?"},
		{name: "user from a stage argument", text: "FROM a:1\nARG UID=10001\nUSER ${UID}\n", from: "a:1", user: "10001"},
		{name: "meta argument declared again in the stage", text: "ARG UID=7\nFROM a:1\nARG UID\nUSER $UID\n", from: "a:1", user: "7"},
		{name: "meta argument not declared in the stage", text: "ARG UID=7\nFROM a:1\nUSER $UID\n", from: "a:1", user: "?"},
		{name: "user from ENV", text: "FROM a:1\nENV APP_USER=app\nUSER $APP_USER\n", from: "a:1", user: "app"},
		{name: "quotes removed", text: "FROM a:1\nUSER \"app\"\n", from: "a:1", user: "app"},
		{name: "ENV of the stage built on", text: "FROM a:1 AS base\nENV APP_USER=app\nFROM base\nUSER $APP_USER\n", from: "base", user: "app"},
		{name: "valued ARG of the stage built on", text: "FROM a:1 AS base\nARG UID=10001\nFROM base\nUSER $UID\n", from: "base", user: "10001"},
		{name: "ENV of another stage not seen", text: "FROM a:1 AS other\nENV APP_USER=app\nFROM a:1\nUSER $APP_USER\n", from: "a:1", user: "?"},
		{name: "ARG without default after ENV of the same name may be given at build", text: "FROM a:1\nENV U=app\nARG U\nUSER $U\n", from: "a:1", user: "?"},
		{name: "ARG after ENV of the same name wins, as in BuildKit", text: "FROM a:1\nENV U=app\nARG U=svc\nUSER $U\n", from: "a:1", user: "svc"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := adapt(t, tc.text)
			s := d.Final()
			if got := shown(s.From.Value, s.From.Known()); got != tc.from {
				t.Errorf("FROM %q, want %q", got, tc.from)
			}
			user := ""
			if s.User != nil {
				user = shown(s.User.Value, s.User.Known())
			}
			if user != tc.user {
				t.Errorf("USER %q, want %q", user, tc.user)
			}
		})
	}
}

func shown(v string, known bool) string {
	if !known {
		return "?"
	}
	return v
}

func TestStages(t *testing.T) {
	d := adapt(t, "FROM a:1 AS Build\nRUN x\nFROM build\nADD --checksum=sha256:abc https://e.com/f /f\nRUN [\"curl\", \"x\"]\nRUN <<EOT\ncurl x | sh\nEOT\n")
	s := d.Final()
	if s.FromStage != 0 {
		t.Errorf("FROM build (stage names ignore case) is stage %d, want 0", s.FromStage)
	}
	if len(s.Adds) != 1 || s.Adds[0].Checksum != "sha256:abc" || s.Adds[0].Range.StartLine != 4 {
		t.Errorf("adds %+v", s.Adds)
	}
	if len(s.Runs) != 2 || !s.Runs[0].Exec || s.Runs[1].Exec || s.Runs[1].Script != "<<EOT\ncurl x | sh\n" {
		t.Errorf("runs %+v", s.Runs)
	}
	if s.Runs[1].Range.StartLine != 6 || s.Runs[1].Range.EndLine != 8 {
		t.Errorf("the here-document RUN spans %+v, want lines 6-8", s.Runs[1].Range)
	}
}

// FuzzAdapt reads and adapts Dockerfiles, seeded from the rule fixtures:
// never a panic, every place inside the file, and the same model twice.
func FuzzAdapt(f *testing.F) {
	seeds, _ := filepath.Glob("../../rules/docker/*/testdata/*/*Dockerfile")
	more, _ := filepath.Glob("../../rules/docker/*/testdata/*/*/*Dockerfile")
	for _, s := range append(seeds, more...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, _ := parse.Parse("Dockerfile", data)
		m := Adapt(pf)
		again, _ := parse.Parse("Dockerfile", data)
		if !reflect.DeepEqual(m, Adapt(again)) {
			t.Fatal("two reads of the same file differ")
		}
		for _, d := range m.Dockerfiles {
			for _, s := range d.Stages {
				if s.FromStage >= s.Index {
					t.Fatalf("stage %d builds on a later stage %d", s.Index, s.FromStage)
				}
				for _, r := range s.Runs {
					if r.Range.StartLine < 1 || r.Range.EndLine > d.Range.EndLine || r.Range.EndLine < r.Range.StartLine {
						t.Fatalf("RUN at %+v outside the file's %d lines", r.Range, d.Range.EndLine)
					}
				}
			}
		}
	})
}

// BenchmarkReadAndAdapt reads and adapts a multi-stage Dockerfile of about
// the size of a large real one (200 instructions over 4 stages).
func BenchmarkReadAndAdapt(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("ARG CUDA=12.4.1\n")
	for st := range 4 {
		fmt.Fprintf(&sb, "FROM nvidia/cuda:${CUDA}-devel-ubuntu22.04 AS s%d\n", st)
		for i := range 50 {
			fmt.Fprintf(&sb, "RUN apt-get update && apt-get install -y --no-install-recommends pkg%d \\\n && rm -rf /var/lib/apt/lists/*\n", i)
		}
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, _ := parse.Parse("Dockerfile", data)
		Adapt(f)
	}
}
