// Package framework maps rules to the controls of compliance frameworks
// (NIST 800-53, NIST CSF, ISO 27001, SOC 2, AWS FSBP), so that rules of one
// kind map alike whatever cloud they check.
package framework

import "github.com/mlguard/mlguard/internal/rule"

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
	// Secrets maps rules about credentials written into code.
	Secrets = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"IA-5(7)", "SC-28"}, []string{"PR.AA-01", "PR.DS-01"}, []string{"A.5.17", "A.8.4"}, []string{"CC6.1"}, fsbp)
	}
	// Transit maps rules about encryption in transit.
	Transit = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-8", "SC-8(1)"}, []string{"PR.DS-02"}, []string{"A.8.24"}, []string{"CC6.7"}, fsbp)
	}
	// PublicAccess maps rules about resources open to anyone.
	PublicAccess = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"AC-3", "AC-21", "SC-7"}, []string{"PR.AA-05", "PR.DS-01"}, []string{"A.5.15", "A.8.3"}, []string{"CC6.1", "CC6.6"}, fsbp)
	}
	// Integrity maps rules about tampering with models, images and data.
	Integrity = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SI-7", "CP-9", "SR-11"}, []string{"PR.DS-01", "PR.DS-11"}, []string{"A.8.13", "A.8.32"}, []string{"CC7.1", "A1.2"}, fsbp)
	}
	// Vulnerabilities maps rules about scanning images for flaws.
	Vulnerabilities = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"RA-5", "SI-2"}, []string{"ID.RA-01"}, []string{"A.8.8"}, []string{"CC7.1"}, fsbp)
	}
	// KeyManagement maps rules about keys themselves.
	KeyManagement = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SC-12", "SC-12(1)"}, []string{"PR.DS-01"}, []string{"A.8.24"}, []string{"CC6.1"}, fsbp)
	}
	// Retention maps rules about how long data is kept.
	Retention = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SI-12", "AU-11"}, []string{"PR.DS-01"}, []string{"A.5.33", "A.8.10"}, []string{"C1.2"}, fsbp)
	}
	// ModelSafety maps rules about guarding what generative models take in and give out.
	ModelSafety = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"SI-10", "SI-15", "SC-7"}, []string{"PR.PS-06", "DE.CM-09"}, []string{"A.8.26", "A.8.28"}, []string{"CC6.8", "PI1.2"}, fsbp)
	}
	// LeastPrivilege maps rules about over-broad permissions.
	LeastPrivilege = func(fsbp ...string) map[string][]string {
		return Frameworks([]string{"AC-6", "AC-6(10)", "AC-3"}, []string{"PR.AA-05"}, []string{"A.8.2", "A.5.15"}, []string{"CC6.1", "CC6.3"}, fsbp)
	}
)

// Hardening maps rules about how a workload is locked down where it runs
// (privileges, host access, writable file systems).
func Hardening() map[string][]string {
	return Frameworks([]string{"CM-7", "AC-6", "SC-39"}, []string{"PR.PS-01"}, []string{"A.8.9", "A.8.19"}, []string{"CC6.8"}, nil)
}

// Availability maps rules about resource exhaustion.
func Availability() map[string][]string {
	return Frameworks([]string{"SC-6", "SC-5"}, []string{"PR.IR-04"}, []string{"A.8.6"}, []string{"A1.1"}, nil)
}
