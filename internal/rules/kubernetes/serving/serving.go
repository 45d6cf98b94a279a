// Package serving holds the rules on where model servers load models from,
// across KServe, Seldon Core v1 and v2.
package serving

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
	"github.com/mlguard/mlguard/internal/secrets"
)

var kinds = []string{"InferenceService", "TrainedModel", "SeldonDeployment", "Model"}

func register(r *rule.Rule) {
	r.Provider, r.Service = "kubernetes", "serving"
	if r.Resources == nil {
		r.Resources = kinds
	}
	rule.Register(r)
}

// signedQuery matches the query parameters of presigned and SAS URLs.
var signedQuery = regexp.MustCompile(`(?i)(^|&)(x-amz-signature|x-amz-credential|x-goog-signature|x-goog-credential|sig|signature|token|access_token)=`)

// located is a model location and the object that names it.
type located struct {
	res model.Resource
	u   kubernetes.StorageURI
}

// uris lists every model location of the scan with its object.
func uris(in *rule.Input) []located {
	var out []located
	for _, s := range in.Kubernetes.InferenceServices {
		for _, u := range s.StorageURIs {
			out = append(out, located{s.Resource, u})
		}
	}
	for _, s := range in.Kubernetes.SeldonDeployments {
		for _, u := range s.StorageURIs {
			out = append(out, located{s.Resource, u})
		}
	}
	for _, s := range in.Kubernetes.ModelStores {
		for _, u := range s.StorageURIs {
			out = append(out, located{s.Resource, u})
		}
	}
	return out
}

// credentialsIn says what credential a model URI carries, if any.
func credentialsIn(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			return "a user name and password", true
		}
		if u.Scheme == "https" || u.Scheme == "http" {
			return "a user name (token) in its authority", true
		}
	}
	if signedQuery.MatchString(u.RawQuery) {
		return "a signature or token in its query", true
	}
	if ms := secrets.Text(raw); len(ms) > 0 {
		return secrets.Article(ms[0].Kind), true
	}
	return "", false
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-SERVING-001", Slug: "model-uri-credentials",
			Title:    "Model storage URI carries credentials",
			Severity: rule.Critical, Category: rule.Secrets,
			Frameworks: framework.Secrets(),
			Rationale: "A storageUri or modelUri with a password, a presigned signature or a SAS token gives whoever reads the " +
				"manifest the model store's access: the model can be copied (theft) or replaced (tampering).",
			Remediation: "Use a plain URI and give the server its storage access through a service account (KServe reads the " +
				"credentials of the Secret it references; Seldon through envSecretRefName / secretName) or workload identity.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  predictor:
    serviceAccountName: model-reader
    model:
      storageUri: s3://models/fraud/v3`},
			Defaults:   []string{"not applicable: only written values are read"},
			References: []string{"https://kserve.github.io/website/latest/modelserving/storage/s3/s3/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range uris(in) {
				if what, bad := credentialsIn(p.u.URI.Value); bad {
					out = append(out, kcheck.Result(p.res, p.u.URI.Meta, p.u.Path, secrets.Redact(p.u.URI.Value),
						"%s: %s carries %s", p.res.Address, p.u.Path, what))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-SERVING-002", Slug: "model-uri-plain-http",
			Title:    "Model is downloaded over plain HTTP",
			Severity: rule.High, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "A model fetched over http:// can be replaced on the way; model files are code (pickle, TorchScript, " +
				"custom handlers), so whoever sits on the path runs code in the server.",
			Remediation: "Serve the model from https:// or an object store (s3://, gs://, azureblob://, pvc://) the server reaches over TLS.",
			Fixes: map[string]string{kcheck.Fix: `model:
  storageUri: https://models.example.com/fraud/v3/model.joblib`},
			Defaults:   []string{"not applicable: only written values are read"},
			References: []string{"https://kserve.github.io/website/latest/modelserving/storage/uri/uri/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, p := range uris(in) {
				if strings.HasPrefix(strings.ToLower(p.u.URI.Value), "http://") {
					out = append(out, kcheck.Result(p.res, p.u.URI.Meta, p.u.Path, p.u.URI.Value,
						"%s: %s downloads the model over plain HTTP", p.res.Address, p.u.Path))
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-SERVING-003", Slug: "seldon-oauth-secret-literal",
			Title:    "SeldonDeployment holds its OAuth key and secret in plain text",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  []string{"SeldonDeployment"},
			Frameworks: framework.Secrets(),
			Rationale: "spec.oauth_key and spec.oauth_secret are the credentials clients use to call the deployment's API; " +
				"written in the manifest they are in Git and readable by anyone who can get the object.",
			Remediation: "Remove oauth_key/oauth_secret from the manifest; authenticate at the gateway (Istio, Ambassador) with " +
				"credentials kept in Secrets.",
			Fixes: map[string]string{kcheck.Fix: `spec:
  # no oauth_key / oauth_secret: authenticate at the gateway`},
			Defaults:   []string{"no OAuth credentials when not set"},
			References: []string{"https://docs.seldon.io/projects/seldon-core/en/latest/reference/seldon-deployment.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.SeldonDeployments {
				for _, v := range []struct {
					name string
					val  model.String
				}{{"oauth_key", s.OAuthKey}, {"oauth_secret", s.OAuthSecret}} {
					if v.val.Explicit && v.val.Value != "" {
						out = append(out, kcheck.Result(s.Resource, v.val.Meta, "", v.name,
							"%s writes spec.%s in plain text (%s)", s.Address, v.name, secrets.Redact(v.val.Value)))
					}
				}
			}
			return out
		},
	})
}
