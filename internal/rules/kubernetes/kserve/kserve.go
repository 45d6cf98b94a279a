// Package kserve holds the rules on KServe InferenceServices and the
// storage credentials KServe reads.
package kserve

import (
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
	"github.com/mlguard/mlguard/internal/rules/kubernetes/kcheck"
)

func register(r *rule.Rule) {
	r.Provider, r.Service = "kubernetes", "kserve"
	rule.Register(r)
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-KSERVE-001", Slug: "kserve-public-inference",
			Title:    "InferenceService is reachable from outside the cluster",
			Severity: rule.High, Category: rule.Network,
			Resources:  []string{"InferenceService"},
			Frameworks: framework.NetworkBoundary(),
			Rationale: "KServe publishes every InferenceService on the ingress gateway unless it is labelled cluster-local, and " +
				"KServe itself authenticates no request: anyone who reaches the gateway can query the model, extract it by " +
				"repeated queries, or send inputs crafted to exhaust it.",
			Remediation: "Label the InferenceService cluster-local (networking.knative.dev/visibility in Serverless mode, " +
				"networking.kserve.io/visibility in RawDeployment/Standard mode) and publish it through an authenticating gateway, " +
				"or protect the gateway route with an Istio AuthorizationPolicy.",
			Fixes: map[string]string{kcheck.Fix: `metadata:
  labels:
    networking.knative.dev/visibility: cluster-local`},
			Defaults: []string{"serving.kserve.io/deploymentMode: Serverless when not set",
				"no visibility label: the service is exposed through the ingress gateway"},
			References: []string{"https://kserve.github.io/website/latest/modelserving/v1beta1/serving_runtime/#cluster-local",
				"https://knative.dev/docs/serving/services/private-services/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.InferenceServices {
				mode := s.DeploymentMode.Value
				if mode == "ModelMesh" || s.Visibility.Is("cluster-local") {
					continue
				}
				label := "networking.knative.dev/visibility"
				if mode == "RawDeployment" || mode == "Standard" {
					label = "networking.kserve.io/visibility"
				}
				out = append(out, kcheck.Result(s.Resource, s.Visibility.Meta, "", mode,
					"%s is published on the ingress gateway (deployment mode %s, no %s: cluster-local label)", s.Address, mode, label))
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-KSERVE-002", Slug: "kserve-logger-plain-http",
			Title:    "InferenceService logs payloads over plain HTTP",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Resources:  []string{"InferenceService"},
			Frameworks: framework.Transit(),
			Rationale: "The payload logger sends every request and response (inputs that may hold personal data, and the " +
				"model's outputs) to the logger URL; over http they cross the network in clear.",
			Remediation: "Use an https:// logger URL, or keep the sink inside a mesh with STRICT mTLS.",
			Fixes: map[string]string{kcheck.Fix: `predictor:
  logger:
    mode: all
    url: https://payload-sink.monitoring.svc.cluster.local`},
			Defaults:   []string{"no logger when not set"},
			References: []string{"https://kserve.github.io/website/latest/modelserving/logger/logger/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.InferenceServices {
				for _, u := range s.LoggerURLs {
					if strings.HasPrefix(strings.ToLower(u.Value), "http://") {
						out = append(out, kcheck.Result(s.Resource, u.Meta, "", u.Value,
							"%s sends request and response payloads to %s in clear", s.Address, u.Value))
					}
				}
			}
			return out
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "K8S-KSERVE-003", Slug: "kserve-s3-tls-disabled",
			Title:    "KServe reads models from S3 without TLS",
			Severity: rule.High, Category: rule.EncryptionInTransit,
			Resources:  []string{"Secret", "ServiceAccount"},
			Frameworks: framework.Transit(),
			Rationale: "The serving.kserve.io/s3-usehttps: \"0\" annotation makes the storage initializer fetch models over HTTP, " +
				"and s3-verifyssl: \"0\" makes it accept any certificate: a model (and its pickled code) can be swapped on the way.",
			Remediation: "Remove the annotations or set them to \"1\"; give the storage a certificate the initializer trusts " +
				"(serving.kserve.io/s3-cabundle).",
			Fixes: map[string]string{kcheck.Fix: `metadata:
  annotations:
    serving.kserve.io/s3-usehttps: "1"
    serving.kserve.io/s3-verifyssl: "1"`},
			Defaults:   []string{"s3-usehttps and s3-verifyssl: \"1\" when not set (the KFServing spelling serving.kubeflow.org/ is read too)"},
			References: []string{"https://kserve.github.io/website/latest/modelserving/storage/s3/s3/"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, s := range in.Kubernetes.StorageSecrets {
				if s.UseHTTPS.Is("0") {
					out = append(out, kcheck.Result(s.Resource, s.UseHTTPS.Meta, "", "usehttps",
						"%s makes KServe download models over plain HTTP (%s/s3-usehttps: \"0\")", s.Address, s.Prefix))
				}
				if s.VerifySSL.Is("0") {
					out = append(out, kcheck.Result(s.Resource, s.VerifySSL.Meta, "", "verifyssl",
						"%s makes KServe accept any certificate from model storage (%s/s3-verifyssl: \"0\")", s.Address, s.Prefix))
				}
			}
			return out
		},
	})
}
