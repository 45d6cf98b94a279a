// Command gen writes docs/rules from the rule registry; run it with
// `go generate ./internal/ruledocs`.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mlguard/mlguard/internal/ruledocs"
	_ "github.com/mlguard/mlguard/internal/rules/all"
	"github.com/mlguard/mlguard/internal/rules/aws/iampolicy"
)

func main() {
	out := flag.String("out", "docs/rules", "directory to write")
	flag.Parse()
	if err := ruledocs.Write(*out, iampolicy.Documented()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
