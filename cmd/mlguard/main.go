// Command mlguard keeps ML platforms secure by default. See README.md.
package main

import (
	"os"

	"github.com/mlguard/mlguard/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
