package image

import (
	"strings"

	"github.com/mlguard/mlguard/internal/imageref"
	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "DOCKER-IMAGE-005", Slug: "docker-base-not-pinned",
			Title:    "Base image is not pinned by digest",
			Severity: rule.Low, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "A tag can be moved to another image at any time, so the same Dockerfile builds a different training or " +
				"serving image tomorrow: other CUDA and Python libraries, or an image the tag's owner (or whoever took over " +
				"the account) replaced. Only a digest names the base that was reviewed and scanned.",
			Remediation: "Pin every FROM by digest (FROM image:tag@sha256:<digest>) and let a dependency bot (Renovate, " +
				"Dependabot) move the pins.",
			Fixes: map[string]string{Fix: `FROM nvcr.io/nvidia/pytorch:24.08-py3@sha256:<digest>`},
			Defaults: []string{"Every stage is judged, build stages too: what they compile is copied into the image",
				"FROM scratch, FROM an earlier stage and a base that uses a build argument without a default are not judged"},
			References: []string{"https://docs.docker.com/reference/dockerfile/#from",
				"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return stages(in, func(d *image.Dockerfile, s *image.Stage) []rule.Result {
				ref, ok := imageBase(s)
				if !ok || ref.Digest != "" {
					return nil
				}
				return []rule.Result{result(d, s, s.From.Meta, "FROM "+s.From.Value, "base image %s is not pinned by digest", s.From.Value)}
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "DOCKER-IMAGE-006", Slug: "docker-base-latest",
			Title:    "Base image is untagged or uses latest",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "An untagged or latest base is whatever was published last: a rebuild silently moves the image to a new " +
				"major version of the OS, CUDA or the ML framework, and no one can tell afterwards which base a deployed " +
				"model server was built on.",
			Remediation: "Name a version tag, and pin it by digest (FROM image:1.2.3@sha256:<digest>).",
			Fixes:       map[string]string{Fix: `FROM python:3.12.7-slim-bookworm@sha256:<digest>`},
			Defaults:    []string{"A reference without a tag means :latest", "A base pinned by digest is not judged: the digest decides"},
			References:  []string{"https://docs.docker.com/reference/dockerfile/#from"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return stages(in, func(d *image.Dockerfile, s *image.Stage) []rule.Result {
				ref, ok := imageBase(s)
				if !ok || ref.Digest != "" || ref.Tag != "" && ref.Tag != "latest" {
					return nil
				}
				why := "has no tag, which means latest"
				if ref.Tag == "latest" {
					why = "uses the latest tag"
				}
				return []rule.Result{result(d, s, s.From.Meta, "FROM "+s.From.Value, "base image %s %s", s.From.Value, why)}
			})
		},
	})
}

// imageBase is the image a stage builds on, when it builds on a known
// image (not scratch, not an earlier stage).
func imageBase(s *image.Stage) (imageref.Ref, bool) {
	if s.FromStage >= 0 || !s.From.Known() || s.From.Value == "" || strings.EqualFold(s.From.Value, "scratch") {
		return imageref.Parse(""), false
	}
	return imageref.Parse(s.From.Value), true
}
