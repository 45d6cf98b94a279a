// Command accessgen writes a generated multi-account ML platform in
// Terraform for trying `mlguard access` and for its benchmark:
//
//	go run ./bench/accessgen -out /tmp/platform
//	go run ./cmd/mlguard access /tmp/platform
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mlguard/mlguard/internal/access/gen"
)

func main() {
	out := flag.String("out", "", "directory to write (required)")
	accounts := flag.Int("accounts", 50, "accounts; the first is shared services, each other a tenant")
	roles := flag.Int("roles", 100, "roles per account")
	assets := flag.Int("assets", 400, "assets per account: buckets, keys, repositories, secrets")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	st, err := gen.Write(gen.Config{Dir: *out, Accounts: *accounts, Roles: *roles, Assets: *assets})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d accounts, %d roles, %d assets in %s\n", st.Accounts, st.Roles, st.Assets, *out)
}
