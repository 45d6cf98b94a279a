package pod

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

// imageTag splits an image reference into its tag and digest; the tag is
// after the last colon of the last path element.
func imageTag(ref string) (tag, digest string) {
	if i := strings.Index(ref, "@"); i >= 0 {
		ref, digest = ref[:i], ref[i+1:]
	}
	last := ref[strings.LastIndex(ref, "/")+1:]
	if i := strings.LastIndex(last, ":"); i >= 0 {
		tag = last[i+1:]
	}
	return tag, digest
}

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
				tag, digest := imageTag(img.Value)
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
				if _, digest := imageTag(img.Value); digest != "" {
					return nil
				}
				return []rule.Result{kcheck.Result(w.Resource, img.Meta, kcheck.Place(w, c), img.Value,
					"%s image %s is not pinned by digest", kcheck.Container(w, c), img.Value)}
			})
		},
	})
}
