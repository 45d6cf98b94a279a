// Package ruledocs renders rule metadata as Markdown: one page per rule and an
// index. docs/rules is generated from it (go generate ./...) and a test fails
// when the checked-in pages are stale.
package ruledocs

//go:generate go run ./gen -out ../../docs/rules

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/rule"
)

var frameworkNames = map[string]string{
	rule.NIST80053: "NIST SP 800-53 rev5",
	rule.NISTCSF:   "NIST CSF 2.0",
	rule.ISO27001:  "ISO/IEC 27001:2022 Annex A",
	rule.SOC2:      "SOC 2",
	rule.AWSFSBP:   "AWS Foundational Security Best Practices",
}

var frameworkOrder = []string{rule.NIST80053, rule.NISTCSF, rule.ISO27001, rule.SOC2, rule.AWSFSBP}

// Markdown renders one rule's page.
func Markdown(r *rule.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "| | |\n|---|---|\n| Severity | %s |\n| Category | %s |\n| Provider | %s |\n| Service | %s |\n| Slug | `%s` |\n| Resource types | %s |\n\n",
		r.Severity, r.Category, r.Provider, r.Service, r.Slug, codeList(r.Resources))
	if r.Classified {
		b.WriteString("Runs only when `mlguard scan` is given a data classification: `--data-classification FILE` (written by " +
			"`mlguard data scan --stored-at URI --classification-out FILE`) or `data_classification` in `.mlguard.yaml`. " +
			"See [docs/data.md](../data.md).\n\n")
	}
	if r.Command != "" {
		fmt.Fprintf(&b, "Run by `mlguard %s`.\n\n", r.Command)
	}
	fmt.Fprintf(&b, "## Why it matters\n\n%s\n\n## How to fix it\n\n%s\n\n", r.Rationale, r.Remediation)
	for _, format := range sortedKeys(r.Fixes) {
		lang := map[string]string{"terraform": "hcl", "arm": "json", "dockerfile": "dockerfile"}[format]
		fmt.Fprintf(&b, "### %s\n\n```%s\n%s\n```\n\n", format, lang, r.Fixes[format])
	}
	if len(r.Defaults) > 0 {
		b.WriteString("## Defaults this rule relies on\n\n")
		for _, d := range r.Defaults {
			fmt.Fprintf(&b, "- %s\n", d)
		}
		b.WriteString("\nValues that cannot be known at scan time (unset variables, computed attributes) never produce a finding.\n\n")
	}
	b.WriteString("## Compliance\n\n| Framework | Controls |\n|---|---|\n")
	for _, fw := range frameworkOrder {
		if ids := r.Frameworks[fw]; len(ids) > 0 {
			fmt.Fprintf(&b, "| %s | %s |\n", frameworkNames[fw], strings.Join(ids, ", "))
		}
	}
	b.WriteString("\n## Suppressing\n\n")
	fmt.Fprintf(&b, "```hcl\n# mlguard:ignore %s <reason>\n```\n\nor in `.mlguard.yaml`:\n\n```yaml\nignore:\n  - rule: %s\n    reason: <why>\n    expires: 2030-01-01\n```\n", r.ID, r.ID)
	if len(r.References) > 0 {
		b.WriteString("\n## References\n\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "- %s\n", ref)
		}
	}
	return b.String()
}

// Index renders the list of all rules.
func Index(rules []*rule.Rule) string {
	var b strings.Builder
	b.WriteString("# Rules\n\nGenerated from the rule registry by `go generate ./internal/ruledocs`; do not edit.\n\n")
	b.WriteString("| ID | Severity | Category | Title | Command |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.Category, r.Title, Command(r))
	}
	return b.String()
}

// Files returns every generated file by name.
func Files(rules []*rule.Rule) map[string]string {
	files := map[string]string{"README.md": Index(rules)}
	for _, r := range rules {
		files[r.ID+".md"] = Markdown(r)
	}
	return files
}

// Write writes the generated files into dir, removing pages of rules that no
// longer exist.
func Write(dir string, rules []*rule.Rule) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write rule docs: %w", err)
	}
	files := Files(rules)
	old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, p := range old {
		if _, keep := files[filepath.Base(p)]; !keep {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("write rule docs: %w", err)
			}
		}
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return fmt.Errorf("write rule docs: %w", err)
		}
	}
	return nil
}

func codeList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Command is how a rule is run: its command, scan, or scan with a data classification.
func Command(r *rule.Rule) string {
	switch {
	case r.Command != "":
		return r.Command
	case r.Classified:
		return "scan --data-classification"
	}
	return "scan"
}
