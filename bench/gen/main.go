// Command gen writes a synthetic Terraform tree of an ML platform with the
// given number of .tf files, for benchmarks (see package corpus).
//
//	go run ./bench/gen -files 1000 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mlguard/mlguard/bench/corpus"
)

func main() {
	files := flag.Int("files", 1000, "number of .tf files to write")
	out := flag.String("out", "bench/out/corpus", "directory to write (replaced)")
	flag.Parse()
	if err := corpus.Write(*out, *files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
