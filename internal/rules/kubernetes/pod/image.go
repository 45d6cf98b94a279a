package pod

import (
	"github.com/mlguard/mlguard/internal/imageref"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-013", Slug: "k8s-image-latest",
			Title:    "Container image is untagged or uses latest",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "An untagged or latest image runs whatever was pushed last: a rebuilt model server with other dependencies, " +
				"or an image an attacker with push rights replaced. Rollbacks and audits cannot tell what ran.",
			Remediation: "Reference images by a version tag and, better, by digest (image@sha256:...).",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: model
    image: nvcr.io/nvidia/tritonserver:24.08-py3@sha256:<digest>`},
			Defaults:   []string{"an image without a tag means :latest"},
			References: []string{"https://kubernetes.io/docs/concepts/containers/images/#image-names"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				img := c.Image
				if !img.Explicit || img.Value == "" {
					return nil // KServe model containers take the runtime's image
				}
				ref := imageref.Parse(img.Value)
				tag, digest := ref.Tag, ref.Digest
				if digest != "" || (tag != "" && tag != "latest") {
					return nil
				}
				why := "has no tag, which means latest"
				if tag == "latest" {
					why = "uses the latest tag"
				}
				return []rule.Result{kcheck.Result(w.Resource, img.Meta, kcheck.Place(w, c), img.Value,
					"%s image %s %s", kcheck.Container(w, c), img.Value, why)}
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-014", Slug: "k8s-image-not-pinned",
			Title:    "Container image is not pinned by digest",
			Severity: rule.Low, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "A tag can be moved to another image at any time; only a digest names the exact image that was reviewed " +
				"and scanned. Model-server images bundle the code that deserializes models, a prime target for tampering.",
			Remediation: "Pin the image by digest (image: repo:tag@sha256:...), updated by your dependency bot.",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: model
    image: ghcr.io/org/server:1.4.2@sha256:<digest>`},
			Defaults:   []string{"an image reference without @sha256: is resolved at pull time"},
			References: []string{"https://kubernetes.io/docs/concepts/containers/images/#image-names"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				img := c.Image
				if !img.Explicit || img.Value == "" {
					return nil
				}
				if imageref.Parse(img.Value).Digest != "" {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, img.Meta, kcheck.Place(w, c), img.Value,
					"%s image %s is not pinned by digest", kcheck.Container(w, c), img.Value)}
			})
		},
	})
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-019", Slug: "k8s-ml-image-public-registry",
			Title:    "ML workload pulls its image from a public registry",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "A model server, training job or notebook pulled straight from Docker Hub, GHCR, NGC or another public " +
				"registry runs whatever the publisher (or whoever took over the account or tag) pushed last, unscanned by the " +
				"organization's registry and unavailable when the public registry limits or removes it.",
			Remediation: "Mirror the image into the organization's registry (ECR, Artifact Registry, ACR, Harbor) through a " +
				"pipeline that scans and signs it, and reference the mirror, pinned by digest.",
			Fixes: map[string]string{kcheck.Fix: `containers:
  - name: server
    image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/mirror/tritonserver:24.05-py3@sha256:<digest>`},
			Defaults:   []string{"An image without a registry host (pytorch/pytorch) comes from Docker Hub", "Workloads that are not model servers, training jobs, notebooks or Ray clusters are not judged"},
			References: []string{"https://kubernetes.io/docs/concepts/containers/images/#image-names"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				img := c.Image
				if w.Role == "" || !img.Explicit || !img.Known() || img.Value == "" {
					return nil
				}
				ref := imageref.Parse(img.Value)
				reg := ref.Registry
				if !ref.Public() {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, img.Meta, kcheck.Place(w, c), img.Value,
					"%s (%s) pulls %s from the public registry %s", kcheck.Container(w, c), w.Role, img.Value, reg)}
			})
		},
	})
}
