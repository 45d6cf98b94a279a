package image

import (
	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/secrets"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "DOCKER-IMAGE-002", Slug: "docker-secret-in-env-or-arg",
			Title:    "Secret passed through ENV or ARG",
			Severity: rule.High, Category: rule.Secrets,
			Frameworks: framework.Secrets(),
			Rationale: "ENV values are part of the image configuration: anyone who can pull the image (every node, every " +
				"registry reader, a leaked model-serving image) reads them with docker inspect. ARG values given with " +
				"--build-arg are kept in the image history of every layer built after them and in max-mode provenance. A " +
				"Hugging Face token, a package index password or a cloud key passed this way outlives the build.",
			Remediation: "Pass build secrets with RUN --mount=type=secret (docker build --secret id=hf_token,env=HF_TOKEN), and give " +
				"the running container its credentials from the orchestrator (a Kubernetes Secret, the task role), not the image.",
			Fixes: map[string]string{Fix: `# syntax=docker/dockerfile:1
FROM python:3.12-slim@sha256:<digest>
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN \
    huggingface-cli download org/model --local-dir /models`},
			Defaults: []string{"A variable is judged by its name (PASSWORD, TOKEN, API_KEY, SECRET, CREDENTIAL, ...; not *_FILE, *_PATH, " +
				"*_ARN or *_ID, which point at a secret) or by a value shaped like a known credential",
				"An ENV set to the empty string holds nothing and is not judged"},
			References: []string{"https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
				"https://docs.docker.com/build/building/secrets/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return stages(in, func(d *image.Dockerfile, s *image.Stage) []rule.Result {
				var out []rule.Result
				for _, v := range s.Env {
					if v.Value.Is("") {
						continue
					}
					if what, ok := secret(v); ok {
						out = append(out, result(d, s, v.Value.Meta, "ENV "+v.Key,
							"ENV %s puts %s into the image configuration, readable by anyone who can pull the image", v.Key, what))
					}
				}
				for _, v := range s.Args {
					if what, ok := secret(v); ok {
						out = append(out, result(d, s, v.Value.Meta, "ARG "+v.Key,
							"ARG %s passes %s through a build argument, kept in the image history and provenance", v.Key, what))
					}
				}
				return out
			})
		},
	})
}

// secret says what secret a variable holds: one its value shows (redacted),
// or the kind its name says.
func secret(v image.Var) (string, bool) {
	if v.HasValue && v.Value.Known() {
		if m, ok := secrets.Value(v.Key, v.Value.Value); ok {
			return secrets.Article(m.Kind) + " (" + m.Redacted + ")", true
		}
	}
	if kind, ok := secrets.Name(v.Key); ok {
		return secrets.Article(kind), true
	}
	return "", false
}
