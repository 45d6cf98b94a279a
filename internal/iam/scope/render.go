package scope

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// Terraform renders a policy as an aws_iam_policy_document data source
// named name, one statement block per statement.
func Terraform(p *iam.Policy, name string) string {
	return TerraformWith(p, name, hclList)
}

// TerraformWith renders a policy as Terraform with list, which writes each
// list of values (actions, resources, condition values) as an HCL
// expression: a caller can put variables in place of literal ARNs.
func TerraformWith(p *iam.Policy, name string, list func([]string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "data \"aws_iam_policy_document\" %s {\n", QuoteHCL(name))
	for _, s := range p.Statements {
		b.WriteString("  statement {\n")
		if s.Sid != "" {
			fmt.Fprintf(&b, "    sid       = %s\n", QuoteHCL(s.Sid))
		}
		fmt.Fprintf(&b, "    effect    = %s\n", QuoteHCL(s.Effect))
		fmt.Fprintf(&b, "    actions   = %s\n", list(s.Action))
		fmt.Fprintf(&b, "    resources = %s\n", list(s.Resource))
		for _, op := range sortedKeys(s.Condition) {
			for _, key := range sortedKeys(s.Condition[op]) {
				fmt.Fprintf(&b, "\n    condition {\n      test     = %s\n      variable = %s\n      values   = %s\n    }\n",
					QuoteHCL(op), QuoteHCL(key), list(s.Condition[op][key]))
			}
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// hclList writes a list of literal strings.
func hclList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = QuoteHCL(v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// QuoteHCL quotes a literal string for HCL: "${" and "%{" are escaped so
// that Terraform does not read an IAM policy variable as an interpolation
// or a directive.
func QuoteHCL(s string) string {
	q := strings.ReplaceAll(strconv.Quote(s), "${", "$${")
	return strings.ReplaceAll(q, "%{", "%%{")
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
