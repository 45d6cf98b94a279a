// Package image holds the rules on how training and serving images are
// built: the Dockerfiles of the repository. What a Dockerfile does ends up
// in every model server, training job and notebook that runs the image.
package image

import (
	"fmt"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/rule"
)

// Fix is the format of the rules' corrected snippets.
const Fix = "dockerfile"

func register(r *rule.Rule) {
	r.Provider, r.Service, r.Resources = "docker", "image", []string{image.ResourceType}
	rule.Register(r)
}

// stages walks every stage of every Dockerfile of the input.
func stages(in *rule.Input, check func(d *image.Dockerfile, s *image.Stage) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, d := range in.Images.Dockerfiles {
		for _, s := range d.Stages {
			out = append(out, check(d, s)...)
		}
	}
	return out
}

// result is a finding on an instruction of a stage.
func result(d *image.Dockerfile, s *image.Stage, m model.Meta, value, format string, args ...any) rule.Result {
	r := m.Range
	if r.StartLine == 0 {
		r = d.Range
	}
	return rule.Result{Resource: d.Resource, Range: r, Value: fmt.Sprintf("stage %d:%s", s.Index, value),
		Message: name(s) + ": " + fmt.Sprintf(format, args...)}
}

// name says which stage, for messages.
func name(s *image.Stage) string {
	if s.Name != "" {
		return fmt.Sprintf("stage %q", s.Name)
	}
	return fmt.Sprintf("stage %d", s.Index+1)
}

// base is the stage a stage builds on, or nil when it builds on an image.
func base(d *image.Dockerfile, s *image.Stage) *image.Stage {
	if s.FromStage < 0 || s.FromStage >= s.Index {
		return nil
	}
	return d.Stages[s.FromStage]
}
