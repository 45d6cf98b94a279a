// Package dockerfile turns a read Dockerfile into the image model: stages
// with their base images and users expanded from build arguments the way
// BuildKit expands them, and what each stage runs, adds and sets.
package dockerfile

import (
	"maps"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/image"
	parse "github.com/mlguard/mlguard/internal/parse/dockerfile"
	"github.com/mlguard/mlguard/internal/source"
)

// Adapt puts one Dockerfile into a model of its own.
func Adapt(f *parse.File) *image.Model {
	if f == nil {
		return &image.Model{}
	}
	d := &image.Dockerfile{Resource: model.Resource{Address: f.Path, Type: image.ResourceType,
		Range: source.Range{File: f.Path, StartLine: 1, EndLine: f.Lines}, Format: parse.Format}}
	lex := shell.NewLex(f.EscapeToken)
	meta := vars{}
	for _, a := range f.MetaArgs {
		for _, kv := range a.Args {
			if kv.Value != nil {
				meta.set(kv.Key, expand(lex, *kv.Value, meta))
			}
		}
	}
	names := map[string]int{}
	var envs []vars // each stage's variables at its end
	for i, st := range f.Stages {
		s, env := stage(f.Path, lex, i, st, meta, names, envs)
		if st.Name != "" {
			names[strings.ToLower(st.Name)] = i
		}
		d.Stages = append(d.Stages, s)
		envs = append(envs, env)
	}
	return &image.Model{Dockerfiles: []*image.Dockerfile{d}}
}

// stage adapts one stage and gives its variables at its end. Its FROM
// expands the meta arguments only; its instructions expand the arguments it
// declares (a meta argument declared again takes its default) and its
// environment. A stage built on an earlier one starts from that stage's
// variables: BuildKit starts it from the earlier stage's state, whose
// environment holds the ENV and the valued ARG of that stage.
func stage(path string, lex *shell.Lex, i int, st *instructions.Stage, meta vars, names map[string]int, envs []vars) (*image.Stage, vars) {
	from := expand(lex, st.BaseName, meta)
	s := &image.Stage{Index: i, Name: st.Name, FromStage: -1,
		From: model.String{Meta: meta1(path, st.Location, from.known), Value: from.text}}
	if j, ok := names[strings.ToLower(from.text)]; ok && from.known {
		s.FromStage = j
	}
	env := vars{}
	if s.FromStage >= 0 {
		env = maps.Clone(envs[s.FromStage])
	}
	for _, c := range st.Commands {
		m := meta1(path, c.Location(), true)
		switch c := c.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				v := image.Var{Key: kv.Key, Value: model.String{Meta: m}}
				switch {
				case kv.Value != nil:
					w := expand(lex, *kv.Value, env)
					v.Value, v.HasValue = model.String{Meta: meta1(path, c.Location(), w.known), Value: w.text}, true
					env.set(kv.Key, w)
				case meta.has(kv.Key):
					env.set(kv.Key, meta[kv.Key])
				default:
					// Set only by --build-arg, which also replaces an
					// ENV of the same name: not known.
					env.set(kv.Key, word{})
				}
				s.Args = append(s.Args, v)
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				w := expand(lex, kv.Value, env)
				s.Env = append(s.Env, image.Var{Key: kv.Key, HasValue: true,
					Value: model.String{Meta: meta1(path, c.Location(), w.known), Value: w.text}})
				env.set(kv.Key, w)
			}
		case *instructions.UserCommand:
			w := expand(lex, c.User, env)
			s.User = &model.String{Meta: meta1(path, c.Location(), w.known), Value: w.text}
		case *instructions.RunCommand:
			s.Runs = append(s.Runs, image.Run{Meta: m, Script: script(c), Exec: !c.PrependShell})
		case *instructions.AddCommand:
			s.Adds = append(s.Adds, image.Add{Meta: m, Sources: c.SourcePaths, Checksum: c.Checksum})
		}
	}
	return s, env
}

// script is a RUN's command line and the bodies of its here-documents.
func script(c *instructions.RunCommand) string {
	parts := []string{strings.Join(c.CmdLine, " ")}
	for _, f := range c.Files {
		parts = append(parts, f.Data)
	}
	return strings.Join(parts, "\n")
}

// word is a value after expansion; known is false when it used a
// variable with no value at build time (an ARG without a default).
type word struct {
	text  string
	known bool
}

// vars are the build arguments and environment an instruction expands.
type vars map[string]word

func (v vars) set(k string, w word) { v[k] = w }

func (v vars) has(k string) bool { _, ok := v[k]; return ok }

// Get and Keys make vars the shell lexer's environment.
func (v vars) Get(k string) (string, bool) { w, ok := v[k]; return w.text, ok }

// Keys lists the variables, in order.
func (v vars) Keys() []string { return slices.Sorted(maps.Keys(v)) }

// maxNesting bounds the ${ of a word expanded; a real FROM or USER has a
// handful.
const maxNesting = 64

// expand replaces variables in s as BuildKit does. A reference to a
// variable that is not set, or whose value is itself not known, makes the
// result not known.
func expand(lex *shell.Lex, s string, env vars) word {
	if !strings.ContainsAny(s, "$\"'\\`") {
		return word{text: s, known: true}
	}
	if strings.Count(s, "${") > maxNesting {
		return word{text: s} // the lexer recurses once per nested ${
	}
	res, err := lex.ProcessWordWithMatches(s, env)
	if err != nil {
		return word{text: s}
	}
	known := len(res.Unmatched) == 0
	for k := range res.Matched {
		known = known && env[k].known
	}
	return word{text: res.Result, known: known}
}

// meta1 is the provenance of an instruction: its lines.
func meta1(path string, loc []parser.Range, known bool) model.Meta {
	r := source.Range{File: path}
	if len(loc) > 0 {
		r.StartLine, r.EndLine = loc[0].Start.Line, loc[len(loc)-1].End.Line
	}
	return model.Meta{Range: r, Explicit: true, Unknown: !known}
}
