// Command datagen writes the labelled synthetic datasets of internal/data/gen:
//
//	go run ./bench/datagen -out examples/data            # the bundled examples
//	go run ./bench/datagen -rows 200000 -out /tmp/big    # for benchmarks
//
// With -manifest it also writes labels.json, the planted values.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mlguard/mlguard/internal/data/gen"
)

func main() {
	out := flag.String("out", "", "directory to write the datasets to")
	rows := flag.Int("rows", 40, "records per file")
	seed := flag.Uint64("seed", 1, "random seed: the same seed writes the same bytes")
	manifest := flag.Bool("manifest", false, "also write labels.json, the planted values")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "datagen: -out is required")
		os.Exit(2)
	}
	m, err := gen.Write(*out, gen.Options{Seed: *seed, Rows: *rows})
	if err != nil {
		fmt.Fprintln(os.Stderr, "datagen:", err)
		os.Exit(1)
	}
	if *manifest {
		data, _ := json.MarshalIndent(m, "", "  ")
		if err := os.WriteFile(filepath.Join(*out, "labels.json"), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "datagen:", err)
			os.Exit(1)
		}
	}
}
