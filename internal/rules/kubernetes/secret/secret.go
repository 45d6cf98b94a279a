// Package secret holds the rules on Secret objects written in manifests:
// the storage credentials of model servers, registry and API tokens.
package secret

import (
	"maps"
	"slices"

	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
	"github.com/mlguard/mlguard/internal/secrets"
)

// credentials reports the values of Secrets or ConfigMaps that find says
// hold a credential, in key order.
func credentials(objs []*kubernetes.Secret, find func(key, value string) (secrets.Match, bool)) []rule.Result {
	var out []rule.Result
	for _, o := range objs {
		for _, k := range slices.Sorted(maps.Keys(o.Data.Values)) {
			v := o.Data.Values[k]
			if m, ok := find(k, v.Value); ok {
				out = append(out, kcheck.Result(o.Resource, v.Meta, "", k+"="+m.Redacted,
					"%s holds %s in %s (%s)", o.Address, secrets.Article(m.Kind), k, m.Redacted))
			}
		}
	}
	return out
}

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
			return credentials(in.Kubernetes.Secrets, secrets.Value)
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
			// A ConfigMap value may be a whole file (.env, a server's
			// configuration): its assignments and secret shapes count too.
			return credentials(in.Kubernetes.ConfigMaps, func(k, v string) (secrets.Match, bool) {
				if m, ok := secrets.Value(k, v); ok {
					return m, true
				}
				if ms := secrets.Text(v); len(ms) > 0 {
					return ms[0], true
				}
				return secrets.Match{}, false
			})
		},
	})
}
