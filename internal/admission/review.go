// Package admission is a Kubernetes validating admission webhook that runs
// mlguard's Kubernetes rules, and custom Rego policies, on each object as it
// is created or updated: InferenceServices, Notebooks, Ray clusters, pods and
// the workloads that own them.
//
// A review is answered with the rules' findings: in enforce mode a finding
// at or above the deny severity rejects the object, lower ones come back as
// warnings kubectl prints; in warn mode nothing is rejected; in dry-run mode
// the verdict is only logged and counted.
package admission

import (
	"encoding/json"
	"fmt"
)

// review is an AdmissionReview (admission.k8s.io/v1 or v1beta1): only the
// fields the webhook reads and writes.
type review struct {
	APIVersion string    `json:"apiVersion"`
	Kind       string    `json:"kind"`
	Request    *request  `json:"request,omitempty"`
	Response   *response `json:"response,omitempty"`
}

type request struct {
	UID       string           `json:"uid"`
	Kind      groupVersionKind `json:"kind"`
	Namespace string           `json:"namespace"`
	Name      string           `json:"name"`
	Operation string           `json:"operation"`
	Object    json.RawMessage  `json:"object"`
	DryRun    *bool            `json:"dryRun,omitempty"`
	UserInfo  struct {
		Username string `json:"username"`
	} `json:"userInfo"`
}

type groupVersionKind struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
}

type response struct {
	UID      string   `json:"uid"`
	Allowed  bool     `json:"allowed"`
	Status   *status  `json:"status,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

type status struct {
	Code    int    `json:"code"`
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message"`
}

// decodeReview reads an AdmissionReview and checks what the API server
// always sends: a known apiVersion, a request and its uid.
func decodeReview(body []byte) (*review, error) {
	var rv review
	if err := json.Unmarshal(body, &rv); err != nil {
		return nil, fmt.Errorf("not an AdmissionReview: %w", err)
	}
	switch rv.APIVersion {
	case "admission.k8s.io/v1", "admission.k8s.io/v1beta1":
	default:
		return nil, fmt.Errorf("not an AdmissionReview: apiVersion %q (want admission.k8s.io/v1 or v1beta1)", rv.APIVersion)
	}
	if rv.Kind != "AdmissionReview" {
		return nil, fmt.Errorf("not an AdmissionReview: kind %q", rv.Kind)
	}
	if rv.Request == nil || rv.Request.UID == "" {
		return nil, fmt.Errorf("AdmissionReview has no request uid")
	}
	return &rv, nil
}

// answer wraps a response in a review of the request's apiVersion.
func answer(rv *review, resp *response) *review {
	resp.UID = rv.Request.UID
	return &review{APIVersion: rv.APIVersion, Kind: "AdmissionReview", Response: resp}
}
