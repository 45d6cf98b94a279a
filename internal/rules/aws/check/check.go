// Package check holds what several AWS rules ask of the model: whether a key
// is customer managed, and the compliance mappings rules share.
package check

import (
	"fmt"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/rule"
)

// NotCustomerKey reports whether a KMS key reference is known not to be a
// customer managed key: it is absent (the service then uses an AWS managed
// key), or it names an AWS managed alias (alias/aws/...). The reason says which.
func NotCustomerKey(r model.Ref) (string, bool) {
	if r.Absent() {
		return "no KMS key is set, so an AWS managed key is used", true
	}
	if r.Known() && len(r.Targets) == 0 && IsAWSManagedAlias(r.Value) {
		return fmt.Sprintf("%s is an AWS managed key, not a customer managed one", r.Value), true
	}
	return "", false
}

// IsAWSManagedAlias reports whether a key identifier is an AWS managed key
// alias, by name or by alias ARN.
func IsAWSManagedAlias(id string) bool {
	return strings.HasPrefix(id, "alias/aws/") || strings.Contains(id, ":alias/aws/")
}

// Frameworks builds a framework map from NIST 800-53, CSF, ISO 27001, SOC 2
// and (optional) AWS FSBP control lists.
func Frameworks(nist, csf, iso, soc2, fsbp []string) map[string][]string {
	m := map[string][]string{rule.NIST80053: nist, rule.NISTCSF: csf, rule.ISO27001: iso, rule.SOC2: soc2}
	if len(fsbp) > 0 {
		m[rule.AWSFSBP] = fsbp
	}
	return m
}

// Common mappings, so that rules of one kind map alike.
var (
	// EncryptionAtRest maps customer managed key rules.
	EncryptionAtRest = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-28", "SC-28(1)", "SC-12"}, []string{"PR.DS-01"}, []string{"A.8.24"}, []string{"CC6.1", "CC6.7"}, fsbp)
	}
	// NetworkBoundary maps rules about exposure to networks.
	NetworkBoundary = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-7", "AC-4"}, []string{"PR.IR-01"}, []string{"A.8.20", "A.8.22"}, []string{"CC6.6"}, fsbp)
	}
	// LeastPrivilege maps rules about over-broad permissions.
	LeastPrivilege = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"AC-6", "AC-6(10)", "AC-3"}, []string{"PR.AA-05"}, []string{"A.8.2", "A.5.15"}, []string{"CC6.1", "CC6.3"}, fsbp)
	}
)
