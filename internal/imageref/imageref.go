// Package imageref splits container image references
// ([registry/]repository[:tag][@digest]) into their parts, the way Docker
// and Kubernetes resolve them. It is a leaf: rules on Kubernetes workloads
// and on Dockerfiles share it.
package imageref

import (
	"slices"
	"strings"
)

// Ref is an image reference, split.
type Ref struct {
	// Registry is the host the image is pulled from; docker.io when the
	// reference names none.
	Registry string
	// Repository is the path below the registry, with Docker Hub's
	// implicit library/ for official images (python, ubuntu).
	Repository string
	Tag        string // "" when there is none, which means latest
	Digest     string // sha256:..., "" when not pinned
}

// Parse splits a reference. It does not validate it: a malformed reference
// still yields its best split, as the parts are only compared.
func Parse(ref string) Ref {
	var r Ref
	if i := strings.Index(ref, "@"); i >= 0 {
		ref, r.Digest = ref[:i], ref[i+1:]
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref, r.Tag = ref[:i], ref[i+1:]
	}
	r.Registry, r.Repository = "docker.io", ref
	if first, rest, found := strings.Cut(ref, "/"); found && (strings.ContainsAny(first, ".:") || first == "localhost") {
		r.Registry, r.Repository = strings.ToLower(first), rest
	}
	if r.Registry == "index.docker.io" || r.Registry == "registry-1.docker.io" {
		r.Registry = "docker.io"
	}
	if r.Registry == "docker.io" && !strings.Contains(r.Repository, "/") {
		r.Repository = "library/" + r.Repository
	}
	return r
}

// Official reports a Docker Official Image (python, ubuntu, debian, ...),
// from Docker Hub or its mirror on the ECR Public Gallery.
func (r Ref) Official() bool {
	return r.Registry == "docker.io" && strings.HasPrefix(r.Repository, "library/") ||
		r.Registry == "public.ecr.aws" && strings.HasPrefix(r.Repository, "docker/library/")
}

// publicRegistries are those anyone can publish to or pull from without an
// account of the organization.
var publicRegistries = []string{"docker.io", "ghcr.io", "quay.io", "nvcr.io", "public.ecr.aws", "registry.k8s.io",
	"mcr.microsoft.com", "registry.gitlab.com"}

// Public reports whether the reference's registry is a public one (Docker
// Hub, GHCR, Quay, NGC, ECR Public, registry.k8s.io, MCR, GitLab).
func (r Ref) Public() bool { return slices.Contains(publicRegistries, r.Registry) }
