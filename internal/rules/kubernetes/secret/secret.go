// Package secret holds the rules on Secret objects written in manifests:
// the storage credentials of model servers, registry and API tokens.
package secret

import (
	"maps"
	"slices"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
	"github.com/mlguard/mlguard/internal/secrets"
)

func init() {
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-SECRET-001", Slug: "k8s-secret-in-manifest",
			Title:    "Secret manifest holds credentials in the repository",
			Severity: rule.High, Category: rule.Secrets, Provider: "kubernetes", Service: "secret",
			Resources:  []string{"Secret"},
			Frameworks: framework.Secrets(),
			Rationale: "A Secret's data is only base64, not encrypted: the model storage keys (AWS_SECRET_ACCESS_KEY for " +
				"KServe's S3 access), registry passwords and API tokens it holds are readable by anyone with the repository, " +
				"its forks and its CI logs, and stay in Git history after they are removed.",
			Remediation: "Keep the manifest without data and create the Secret from a secret store (External Secrets, " +
				"Sealed Secrets, the CSI secrets driver), or use workload identity (IRSA, GKE or Azure workload identity) " +
				"instead of storage keys. Rotate the exposed credentials.",
			Fixes: map[string]string{kcheck.Fix: `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: model-storage
spec:
  secretStoreRef:
    name: vault
    kind: ClusterSecretStore
  target:
    name: model-storage
  data:
    - secretKey: AWS_SECRET_ACCESS_KEY
      remoteRef:
        key: ml/model-storage
        property: secret_access_key`},
			Defaults:   []string{"not applicable: only written values are read; data is base64-decoded"},
			References: []string{"https://kubernetes.io/docs/concepts/security/secrets-good-practices/", "https://kserve.github.io/website/latest/modelserving/storage/s3/s3/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.Secrets {
				for _, k := range slices.Sorted(maps.Keys(s.Data.Values)) {
					v := s.Data.Values[k]
					if m, ok := secrets.Value(k, v.Value); ok {
						out = append(out, kcheck.Result(s.Resource, v.Meta, "", k+"="+m.Redacted,
							"%s holds %s in %s (%s)", s.Address, secrets.Article(m.Kind), k, m.Redacted))
					}
				}
			}
			return out
		},
	})
	rule.Register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-SECRET-002", Slug: "k8s-configmap-credential",
			Title:    "ConfigMap holds a credential",
			Severity: rule.High, Category: rule.Secrets, Provider: "kubernetes", Service: "secret",
			Resources:  []string{"ConfigMap"},
			Frameworks: framework.Secrets(),
			Rationale: "ConfigMaps are not secrets: their data is plain text, readable by everyone who can read " +
				"configuration in the namespace (often every service account of it), and kept in Git. A feature store " +
				"password, a model registry token or a requirepass line in a server's configuration there is exposed.",
			Remediation: "Move the credential into a Secret created from a secret store and mount or reference it; " +
				"rotate the exposed one.",
			Fixes: map[string]string{kcheck.Fix: `env:
  - name: REDIS_PASSWORD
    valueFrom:
      secretKeyRef:
        name: feature-store
        key: password`},
			Defaults:   []string{"not applicable: only written values are read"},
			References: []string{"https://kubernetes.io/docs/concepts/configuration/configmap/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, cm := range in.Kubernetes.ConfigMaps {
				for _, k := range slices.Sorted(maps.Keys(cm.Data.Values)) {
					v := cm.Data.Values[k]
					matches := secrets.Text(v.Value)
					if m, ok := secrets.Value(k, v.Value); ok {
						matches = append([]secrets.Match{m}, matches...)
					}
					if len(matches) > 0 {
						m := matches[0]
						out = append(out, kcheck.Result(cm.Resource, v.Meta, "", k+"="+m.Redacted,
							"%s holds %s in %s (%s)", cm.Address, secrets.Article(m.Kind), k, m.Redacted))
					}
				}
			}
			return out
		},
	})
}
