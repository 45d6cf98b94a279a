package pod

import (
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
	"github.com/mlguard/mlguard/internal/secrets"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-015", Slug: "k8s-env-secret",
			Title:    "Container environment holds a literal secret",
			Severity: rule.High, Category: rule.Secrets,
			Frameworks: framework.Secrets(),
			Rationale: "A key written as an env value sits in the manifest, in Git and in the object anyone who can read the " +
				"Deployment sees: cloud keys to the model bucket, Hugging Face and OpenAI tokens, database passwords.",
			Remediation: "Move the value into a Secret (or an external secret store) and read it with valueFrom.secretKeyRef; " +
				"for cloud access, use workload identity instead of keys. Rotate the exposed secret.",
			Fixes: map[string]string{kcheck.Fix: `env:
  - name: HF_TOKEN
    valueFrom:
      secretKeyRef:
        name: hf-token
        key: token`},
			Defaults:   []string{"not applicable: only written values are read"},
			References: []string{"https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				var out []rule.Result
				for _, e := range c.Env {
					if e.FromRef || !e.Value.Explicit {
						continue
					}
					if m, ok := secrets.Value(e.Name, e.Value.Value); ok {
						out = append(out, kcheck.Result(w.Resource, e.Value.Meta, kcheck.Place(w, c), e.Name+"="+m.Redacted,
							"%s: environment variable %s holds %s (%s)", kcheck.Container(w, c), e.Name, secrets.Article(m.Kind), m.Redacted))
					}
				}
				return out
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-POD-018", Slug: "k8s-args-secret",
			Title:    "Container command line holds a literal secret",
			Severity: rule.High, Category: rule.Secrets,
			Frameworks: framework.Secrets(),
			Rationale: "Model servers take tokens as flags (--hf-token, --api-key). A token on the command line is in the " +
				"manifest, in Git, and visible to anyone who can list processes on the node or read the pod.",
			Remediation: "Pass the token through an environment variable read from a Secret (valueFrom.secretKeyRef) and reference " +
				"it in the arguments as $(VAR). Rotate the exposed secret.",
			Fixes: map[string]string{kcheck.Fix: `args: ["--api-key", "$(API_KEY)"]
env:
  - name: API_KEY
    valueFrom:
      secretKeyRef: {name: server-key, key: key}`},
			Defaults:   []string{"not applicable: only written values are read"},
			References: []string{"https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return kcheck.Containers(in, func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result {
				args := make([]string, len(c.Args))
				for i, a := range c.Args {
					args[i] = a.Value
				}
				var out []rule.Result
				for _, m := range secrets.Args(args) {
					out = append(out, kcheck.Result(w.Resource, c.Args[m.Arg].Meta, kcheck.Place(w, c), m.Redacted,
						"%s: its command line holds %s (%s)", kcheck.Container(w, c), secrets.Article(m.Kind), m.Redacted))
				}
				return out
			})
		},
	})
}
