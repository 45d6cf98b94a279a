package dockerfile

import (
	"fmt"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		stages     int
		diags      []string // "line: title" of each diagnostic
	}{
		{name: "stages and meta args", text: "ARG V=1\nFROM a:${V} AS build\nRUN make\nFROM build\nUSER 10001\n", stages: 2},
		{name: "a bad instruction is reported and the rest read",
			text: "FROM a:1\nENV\nUSER 10001\nRUN ok\n", stages: 1, diags: []string{"2: Dockerfile instruction not read"}},
		{name: "unknown instruction", text: "FROM a:1\nFROBNICATE x\nRUN ok\n", stages: 1,
			diags: []string{"2: Dockerfile instruction not read"}},
		{name: "instruction before FROM", text: "RUN x\nFROM a:1\n", stages: 1,
			diags: []string{"1: Dockerfile instruction before FROM"}},
		{name: "no FROM", text: "ARG A=1\n", diags: []string{"1: Dockerfile has no FROM"}},
		{name: "a manifest named like a Dockerfile", text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {}\n",
			diags: []string{"1: Dockerfile instruction not read", "2: Dockerfile instruction not read", "3: Dockerfile instruction not read",
				"4: Dockerfile instructions not read", "1: Dockerfile has no FROM"}},
		{name: "empty file", text: "", diags: []string{"1: Dockerfile not read"}},
		{name: "line over the parser's limit", text: "FROM a:1\nRUN " + strings.Repeat("x", 70000) + "\n",
			diags: []string{"1: Dockerfile not read"}},
		{name: "too many lines", text: "FROM a:1\n" + strings.Repeat("RUN x\n", MaxLines),
			diags: []string{"20001: Dockerfile not read"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, diags := Parse("Dockerfile", []byte(tc.text))
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%d: %s", d.Range.StartLine, d.Summary))
				if d.Range.File != "Dockerfile" {
					t.Errorf("diagnostic without its file: %+v", d)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.diags, "|") {
				t.Errorf("diagnostics %q, want %q", got, tc.diags)
			}
			if n := stages(f); n != tc.stages {
				t.Errorf("%d stages, want %d", n, tc.stages)
			}
		})
	}
}

func stages(f *File) int {
	if f == nil {
		return 0
	}
	return len(f.Stages)
}
