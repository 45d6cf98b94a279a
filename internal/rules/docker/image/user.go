package image

import (
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/imageref"
	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

// rootImages are the base images, other than Docker Official Images and
// scratch, whose documented default user is root: the ML framework images
// training and serving images are most often built on.
var rootImages = []string{
	"docker.io/nvidia/cuda", "nvcr.io/nvidia/cuda", "nvcr.io/nvidia/pytorch", "nvcr.io/nvidia/tensorflow",
	"nvcr.io/nvidia/tritonserver", "docker.io/pytorch/pytorch", "docker.io/tensorflow/tensorflow",
	"docker.io/huggingface/transformers-pytorch-gpu", "docker.io/huggingface/transformers-pytorch-cpu",
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "DOCKER-IMAGE-001", Slug: "docker-image-runs-as-root",
			Title:    "Image runs as root",
			Severity: rule.Medium, Category: rule.Isolation,
			Frameworks: framework.Hardening(),
			Rationale: "A model server or training container that runs as root turns any code execution in it (a pickled model " +
				"loaded with torch.load, a vulnerable tokenizer, a notebook) into root in the container: it can read every " +
				"mounted credential, change the installed packages the next request uses, and is one kernel or runtime flaw " +
				"from the node. The image's USER is what runs when the orchestrator does not override it.",
			Remediation: "Create an unprivileged user in the final stage and end with USER <name or uid> (a numeric UID lets " +
				"Kubernetes verify runAsNonRoot).",
			Fixes: map[string]string{Fix: `FROM python:3.12-slim@sha256:<digest>
RUN useradd --uid 10001 --create-home app
COPY --chown=10001 . /app
USER 10001`},
			Defaults: []string{"Only the final stage is judged: it is the image the build produces when no --target is given",
				"Without USER a stage runs as its base's user: root for Docker Official Images (python, ubuntu, debian), scratch, " +
					"and the NVIDIA CUDA/NGC, PyTorch, TensorFlow and Hugging Face framework images; other bases are not judged, " +
					"as their user cannot be known offline",
				"A USER that uses a build argument without a default is not known and is not judged"},
			References: []string{"https://docs.docker.com/reference/dockerfile/#user",
				"https://docs.docker.com/build/building/best-practices/#user"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, d := range in.Images.Dockerfiles {
				if s := d.Final(); s != nil {
					out = append(out, root(d, s)...)
				}
			}
			return out
		},
	})
}

// root judges the final stage: its own last USER, or else the user it
// inherits from the stages and image below it.
func root(d *image.Dockerfile, final *image.Stage) []rule.Result {
	for s := final; s != nil; s = base(d, s) {
		if u := s.User; u != nil {
			if !u.Known() || !rootUser(u.Value) {
				return nil
			}
			return []rule.Result{result(d, final, u.Meta, "USER "+u.Value, "USER %s%s makes the image run as root", u.Value, inherited(s, final))}
		}
		if base(d, s) == nil {
			if !s.From.Known() || !rootByDefault(s.From.Value) {
				return nil
			}
			return []rule.Result{result(d, final, final.From.Meta, "no USER",
				"no USER is set, so the image runs as the user of its base %s, which is root", s.From.Value+inherited(s, final))}
		}
	}
	return nil
}

// inherited says where a user or base comes from when it is an earlier
// stage than the final one.
func inherited(s, final *image.Stage) string {
	if s == final {
		return ""
	}
	return " (in " + name(s) + ", which the image builds on)"
}

// rootUser reports a USER value that is root: the name, UID 0, with or
// without a group.
func rootUser(u string) bool {
	user, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return user == "root" || strings.Trim(user, "0") == "" && user != ""
}

// rootByDefault reports a base image whose default user is known to be
// root.
func rootByDefault(from string) bool {
	if strings.EqualFold(from, "scratch") {
		return true
	}
	ref := imageref.Parse(from)
	return ref.Official() || slices.Contains(rootImages, ref.Registry+"/"+ref.Repository)
}
