// Command auditgen writes generated audit logs (CloudTrail, Google Cloud,
// Azure) with attacks injected on the last day, for trying `mlguard audit`
// and for benchmarks:
//
//	go run ./bench/auditgen -out /tmp/logs -days 21
//	go run ./cmd/mlguard audit --since 2026-10-21 /tmp/logs
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/mlguard/mlguard/internal/audit/gen"
)

func main() {
	out := flag.String("out", "", "directory to write (required)")
	days := flag.Int("days", 21, "days of logs; the attacks happen on the last")
	teams := flag.Int("teams", 3, "ML teams, each with its roles, buckets, key and endpoint")
	rate := flag.Int("invocations", 40, "each team's inference calls per hour")
	seed := flag.Uint64("seed", 1, "random seed; the same flags write the same files")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	st, err := gen.Write(gen.Config{Dir: *out, Start: start, Days: *days, Teams: *teams, InvocationsPerHour: *rate, Seed: *seed})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d events; %d attacks on %s (detect with --since %s)\n", st.Files, st.Events, len(st.Attacks),
		start.AddDate(0, 0, *days-1).Format("2006-01-02"), start.AddDate(0, 0, *days-1).Format("2006-01-02"))
	for _, a := range st.Attacks {
		fmt.Printf("  %s  %-20s %s: %s\n", a.Time.Format(time.RFC3339), a.Detector, a.Principal, a.What)
	}
}
