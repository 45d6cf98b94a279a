// Package image is the typed model of container image builds: the
// Dockerfiles of a repository, stage by stage, with what each stage runs,
// adds and sets. Training and serving images are built from them, and what
// a Dockerfile does ends up in every model server and training job that
// runs the image.
package image

import "github.com/mlguard/mlguard/internal/model"

// ResourceType is the type Dockerfiles carry in reports.
const ResourceType = "Dockerfile"

// Model is the image builds of one unit (one Dockerfile).
type Model struct {
	Dockerfiles []*Dockerfile `json:"dockerfiles,omitempty"`
}

// Dockerfile is one Dockerfile (or Containerfile).
type Dockerfile struct {
	model.Resource
	// Stages in the order of their FROM instructions; the last one is the
	// image the build produces unless a target is named.
	Stages []*Stage `json:"stages"`
}

// Final is the stage the build produces by default: the last one.
func (d *Dockerfile) Final() *Stage {
	if len(d.Stages) == 0 {
		return nil
	}
	return d.Stages[len(d.Stages)-1]
}

// Stage is one FROM and the instructions under it.
type Stage struct {
	Index int    `json:"index"`
	Name  string `json:"name,omitempty"` // FROM ... AS name
	// From is the base image reference with build arguments replaced by
	// their defaults; unknown when it uses an argument that has none.
	From model.String `json:"from"`
	// FromStage is the index of the earlier stage this one builds on, or
	// -1 when it builds on an image.
	FromStage int `json:"from_stage"`
	// User is the stage's last USER, nil when the stage sets none (it runs
	// as its base's user).
	User *model.String `json:"user,omitempty"`
	Env  []Var         `json:"env,omitempty"`
	Args []Var         `json:"args,omitempty"` // ARG instructions of the stage
	Runs []Run         `json:"runs,omitempty"`
	Adds []Add         `json:"adds,omitempty"`
}

// Var is one ENV or ARG variable.
type Var struct {
	Key string `json:"key"`
	// Value is what the instruction gives it, as written; HasValue is false
	// for an ARG without a default (its value comes from --build-arg).
	Value    model.String `json:"value"`
	HasValue bool         `json:"has_value"`
}

// Run is one RUN instruction.
type Run struct {
	model.Meta
	// Script is the command as the shell gets it, continuation lines
	// joined, with the text of any here-documents after it.
	Script string `json:"script"`
	// Exec is true for the JSON (exec) form, which runs no shell.
	Exec bool `json:"exec,omitempty"`
}

// Add is one ADD instruction.
type Add struct {
	model.Meta
	Sources []string `json:"sources"`
	// Checksum is the --checksum the build verifies a remote source by.
	Checksum string `json:"checksum,omitempty"`
}
