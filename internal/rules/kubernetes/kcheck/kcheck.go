// Package kcheck holds what the Kubernetes rules share: walking every
// container of every pod template, and naming a finding's place as
// Kind/namespace/name, the pod template and the container.
package kcheck

import (
	"fmt"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/rule"
)

// Fix is the key of a rule's Kubernetes fix snippet.
const Fix = "kubernetes"

// Containers runs f on every container of every workload.
func Containers(in *rule.Input, f func(w *kubernetes.Workload, c *kubernetes.Container) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, w := range in.Kubernetes.Workloads {
		for _, c := range w.Pod.Containers {
			out = append(out, f(w, c)...)
		}
	}
	return out
}

// Pods runs f on every workload.
func Pods(in *rule.Input, f func(w *kubernetes.Workload) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, w := range in.Kubernetes.Workloads {
		out = append(out, f(w)...)
	}
	return out
}

// Where names a workload for a message: the object, and the pod template
// when the object is not a plain pod owner (spec.predictor of an
// InferenceService).
func Where(w *kubernetes.Workload) string {
	switch w.Path {
	case "spec", "spec.template.spec", "spec.jobTemplate.spec.template.spec":
		return w.Address
	}
	return w.Address + " (" + w.Path + ")"
}

// Container names a container of a workload for a message.
func Container(w *kubernetes.Workload, c *kubernetes.Container) string {
	kind := "container"
	if c.Init {
		kind = "init container"
	}
	return fmt.Sprintf("%s %s %q", Where(w), kind, c.Name)
}

// Result is a finding on res at the value's place: where it is written, or,
// for a default, the mapping it belongs in (the container, its security
// context), which is where the fix goes. value is part of the fingerprint;
// it is prefixed with the place so that two containers differ.
func Result(res model.Resource, m model.Meta, place, value, format string, args ...any) rule.Result {
	r := m.Range
	if r.StartLine == 0 {
		r = res.Range
	}
	return rule.Result{Resource: res, Range: r, Value: place + ":" + value, Message: fmt.Sprintf(format, args...)}
}

// Place is the fingerprint prefix of a container.
func Place(w *kubernetes.Workload, c *kubernetes.Container) string {
	return w.Path + "/" + c.Path + "/" + c.Name
}

// Selects reports whether a Service's selector picks the workload's pods.
func Selects(s *kubernetes.Service, w *kubernetes.Workload) bool {
	return SelectsPods(s.Namespace, s.Selector, w)
}

// SelectsPods reports whether a selector of namespace ns (labels that must
// all match; none selects nothing) picks the workload's pods.
func SelectsPods(ns string, labels map[string]string, w *kubernetes.Workload) bool {
	if len(labels) == 0 || ns != w.Namespace {
		return false
	}
	for k, v := range labels {
		if w.PodLabels[k] != v {
			return false
		}
	}
	return true
}
