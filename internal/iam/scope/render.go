package scope

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/iam"
)

// Terraform renders a policy as an aws_iam_policy_document data source
// named name, one statement block per statement.
func Terraform(p *iam.Policy, name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "data \"aws_iam_policy_document\" %s {\n", strconv.Quote(name))
	for _, s := range p.Statements {
		b.WriteString("  statement {\n")
		if s.Sid != "" {
			fmt.Fprintf(&b, "    sid       = %s\n", strconv.Quote(s.Sid))
		}
		fmt.Fprintf(&b, "    effect    = %s\n", strconv.Quote(s.Effect))
		fmt.Fprintf(&b, "    actions   = %s\n", hclList(s.Action))
		fmt.Fprintf(&b, "    resources = %s\n", hclList(s.Resource))
		for _, op := range sortedKeys(s.Condition) {
			for _, key := range sortedKeys(s.Condition[op]) {
				fmt.Fprintf(&b, "\n    condition {\n      test     = %s\n      variable = %s\n      values   = %s\n    }\n",
					strconv.Quote(op), strconv.Quote(key), hclList(s.Condition[op][key]))
			}
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// hclList writes a list of strings; "${" is escaped so that Terraform does
// not read an IAM policy variable as an interpolation.
func hclList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strings.ReplaceAll(strconv.Quote(v), "${", "$${")
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
