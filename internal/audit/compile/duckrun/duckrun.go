// Package duckrun runs the queries of mlguard audit compile on DuckDB, in
// process: the parity tests and the parity benchmark use it. It is kept out
// of the mlguard binary, which compiles queries and never runs them.
package duckrun

import (
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	// The DuckDB driver, with its library for this platform.
	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/audit/compile"
)

// Views are the views the duckdb target defines over the log files.
func Views() []string {
	return []string{"cloudtrail", "cloudaudit_googleapis_com_activity", "cloudaudit_googleapis_com_data_access", "azure_activity"}
}

// trinoShims are DuckDB macros for the Trino functions the athena and
// trino queries call that DuckDB spells differently, so those queries run
// here unchanged.
const trinoShims = `
CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p);
CREATE MACRO json_format(j) AS CAST(j AS VARCHAR);
CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p);
CREATE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ) AT TIME ZONE 'UTC';
CREATE MACRO date_format(t, f) AS strftime(t, f);
CREATE OR REPLACE MACRO element_at(l, i) AS l[i];
`

// Open starts an in-memory DuckDB, runs the duckdb target's table file
// (its views over the logs), copies each view into a table once so that
// the queries do not read the files again, and adds the Trino shims.
func Open(tables string) (*sql.DB, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	steps := []string{tables}
	for _, v := range Views() {
		steps = append(steps, fmt.Sprintf("CREATE TABLE t_%[1]s AS SELECT * FROM %[1]s; CREATE OR REPLACE VIEW %[1]s AS SELECT * FROM t_%[1]s;", v))
	}
	steps = append(steps, trinoShims)
	for _, s := range steps {
		if _, err := db.Exec(s); err != nil {
			db.Close()
			return nil, fmt.Errorf("duckdb: %w", err)
		}
	}
	return db, nil
}

// Row is one alert as parity compares it: the detector, who, what, from
// where, the window and how many events.
func Row(detector, cloud, principal, resource, ip string, first, last time.Time, events int) string {
	return fmt.Sprintf("%s %s %s %q %s %s..%s %d", detector, cloud, principal, resource, ip,
		first.UTC().Format(time.RFC3339), last.UTC().Format(time.RFC3339), events)
}

// LocalAlerts are the alerts of mlguard audit as rows per detector, those of
// the given clouds that compile (so comparable with Alerts), sorted.
func LocalAlerts(res *audit.Result, clouds []string) map[string][]string {
	out := map[string][]string{}
	for _, a := range res.Alerts {
		if slices.Contains(compile.Clouds(a.Detector), a.Cloud) && slices.Contains(clouds, a.Cloud) {
			out[a.Detector] = append(out[a.Detector], Row(a.Detector, a.Cloud, a.Principal, a.Resource, a.SourceIP, a.First, a.Last, a.Events))
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// Alerts runs every compiled query of files (the first file is the tables
// file) and returns the rows per detector, sorted.
func Alerts(db *sql.DB, files []compile.File) (map[string][]string, error) {
	out := map[string][]string{}
	for _, f := range files[1:] {
		if !strings.Contains(f.Content, "SELECT") {
			continue
		}
		if err := query(db, f, out); err != nil {
			return nil, err
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out, nil
}

func query(db *sql.DB, f compile.File, out map[string][]string) error {
	rows, err := db.Query(f.Content)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var det, cloud, who string
		var res, ip sql.NullString
		var first, last time.Time
		var n int
		if err := rows.Scan(&det, &cloud, &who, &res, &ip, &first, &last, &n); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		out[det] = append(out[det], Row(det, cloud, who, res.String, ip.String, first, last, n))
	}
	return rows.Err()
}
