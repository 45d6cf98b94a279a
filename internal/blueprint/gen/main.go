// Command gen writes the generated files of mlguard's blueprints (the IAM
// policies from mlguard iam scope, the SCPs from mlguard guardrails
// compile) into the blueprints tree. Run it with go generate ./blueprints.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/mlguard/mlguard/internal/blueprint"
)

func main() {
	root := flag.String("root", "blueprints", "the blueprints directory")
	flag.Parse()
	files, err := blueprint.Generate(os.DirFS(*root))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(*root, filepath.FromSlash(n))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, files[n]) {
			continue
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", p)
	}
}
