// Command auditduck runs the parity of mlguard audit compile at scale: it
// compiles the duckdb queries for a log directory, loads the logs into
// DuckDB (in process), runs every query, runs mlguard audit on the same
// files, and compares the alerts detector by detector, with the time each
// side took:
//
//	go run ./bench/auditgen -out /tmp/gen10m -days 35 -teams 30 -invocations 400
//	go run ./bench/auditduck -logs /tmp/gen10m -since 2026-11-04
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/compile"
	"github.com/mlguard/mlguard/internal/audit/compile/duckrun"
)

func main() {
	logs := flag.String("logs", "", "the generated log directory (required)")
	since := flag.String("since", "", "start of the detection window, YYYY-MM-DD (required)")
	flag.Parse()
	day, err := time.Parse("2006-01-02", *since)
	if *logs == "" || err != nil {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*logs, day); err != nil {
		fmt.Fprintln(os.Stderr, "auditduck:", err)
		os.Exit(1)
	}
}

func run(logs string, since time.Time) error {
	target, _ := compile.Find("duckdb")
	o := compile.Options{Logs: logs, Since: since, LearnDays: 365}
	files, err := target.Compile(o)
	if err != nil {
		return err
	}
	t0 := time.Now()
	db, err := duckrun.Open(files[0].Content)
	if err != nil {
		return err
	}
	defer db.Close()
	var records int
	for _, v := range duckrun.Views() {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM " + v).Scan(&n); err != nil {
			return err
		}
		records += n
	}
	load := time.Since(t0)
	t1 := time.Now()
	got, err := duckrun.Alerts(db, files)
	if err != nil {
		return err
	}
	queries := time.Since(t1)
	t2 := time.Now()
	res, err := audit.Run(context.Background(), []audit.Input{{FS: os.DirFS(logs), Root: "."}}, audit.Options{Since: since})
	if err != nil {
		return err
	}
	local := time.Since(t2)
	fmt.Printf("records: %d in DuckDB, %d read by mlguard audit\n", records, res.Read)
	fmt.Printf("duckdb: load %.1f s, queries %.1f s; mlguard audit: %.1f s (%.0f records/s)\n",
		load.Seconds(), queries.Seconds(), local.Seconds(), float64(res.Read)/local.Seconds())
	want := duckrun.LocalAlerts(res, target.Clouds)
	agree, differ := 0, 0
	for _, id := range compile.DetectorIDs() {
		if target.Cannot(id) != "" {
			continue
		}
		if slices.Equal(got[id], want[id]) {
			agree += len(want[id])
			continue
		}
		differ++
		fmt.Printf("%s differs:\n  duckdb:\n    %s\n  mlguard audit:\n    %s\n", id, strings.Join(got[id], "\n    "), strings.Join(want[id], "\n    "))
	}
	fmt.Printf("parity: %d alerts agree; %d detectors differ\n", agree, differ)
	if differ > 0 {
		return fmt.Errorf("%d detectors differ", differ)
	}
	return nil
}
