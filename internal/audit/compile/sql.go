package compile

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"net/netip"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/mlguard/mlguard/internal/audit"
)

//go:embed detectors.sql.tmpl
var sqlFS embed.FS

// dialect is how one SQL engine spells what the detectors need.
type dialect struct {
	name, title string
	clouds      []string
	// str and float are the engine's string and floating point types.
	str, float string
	// jsonStr reads a scalar at a dotted path of a JSON text as a string.
	jsonStr func(x, path string) string
	// jsonPresent says a JSON text has a non-null value at a path.
	jsonPresent func(x, path string) string
	// re tests a regular expression. A pattern's one backslash (\[ for a
	// bracket, which Trino's Joni and Java read as a nested class inside
	// [...]) is quoted as each engine's literals need.
	re func(x, pattern string) string
	// reExtract returns group 1 of a pattern, NULL when it does not match.
	reExtract func(x, pattern string) string
	// hour truncates a timestamp to its hour.
	hour func(ts string) string
	// plusHours adds hours to a timestamp.
	plusHours func(ts string, h int) string
	// firstBy is the value of v on the row with the least o.
	firstBy func(v, o string) string
	// all is the aggregate AND of a boolean.
	all func(x string) string
	// ts is a timestamp literal (UTC).
	ts func(t time.Time) string
	// now is the time the query runs.
	now string
	// ipv4 is an IPv4 address as a number (the text is known to be one).
	ipv4 func(x string) string
	// firstARN is the first ARN in CloudTrail's resources array.
	firstARN string
	// parseTime turns CloudTrail's eventtime text into a timestamp.
	parseTime func(x string) string
	// quote quotes an identifier.
	quote func(x string) string
	// partition filters CloudTrail's partitions to the learning period.
	partition func(learnStart string) string
	// ddl is the table definitions the queries assume.
	ddl func(o *Options) string
}

// dotted turns a.b.c into a JSONPath.
func dotted(path string) string { return "$." + path }

// sqlString quotes a SQL string literal; a backslash stays a backslash
// (standard SQL, Trino, DuckDB).
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sparkString quotes a Spark SQL string literal, in which a backslash
// escapes: regular expressions' backslashes are doubled. (BigQuery's
// patterns are raw strings, r'...', for the same reason.)
func sparkString(s string) string { return sqlString(strings.ReplaceAll(s, `\`, `\\`)) }

// trinoLike are the functions Athena, Trino and (with shims) DuckDB share.
func trinoLike(d dialect) dialect {
	d.str, d.float = "VARCHAR", "DOUBLE"
	d.jsonStr = func(x, p string) string { return fmt.Sprintf("json_extract_scalar(%s, %s)", x, sqlString(dotted(p))) }
	d.jsonPresent = func(x, p string) string {
		return fmt.Sprintf("COALESCE(json_format(json_extract(%s, %s)), 'null') <> 'null'", x, sqlString(dotted(p)))
	}
	d.re = func(x, p string) string { return fmt.Sprintf("regexp_like(%s, %s)", x, sqlString(p)) }
	d.reExtract = func(x, p string) string { return fmt.Sprintf("regexp_extract(%s, %s, 1)", x, sqlString(p)) }
	d.hour = func(ts string) string { return fmt.Sprintf("date_trunc('hour', %s)", ts) }
	d.plusHours = func(ts string, h int) string { return fmt.Sprintf("(%s %s INTERVAL '%d' HOUR)", ts, sign(h), abs(h)) }
	d.firstBy = func(v, o string) string { return fmt.Sprintf("min_by(%s, %s)", v, o) }
	d.all = func(x string) string { return "bool_and(" + x + ")" }
	d.ts = func(t time.Time) string { return "TIMESTAMP '" + t.UTC().Format("2006-01-02 15:04:05.000") + " UTC'" }
	d.now = "current_timestamp"
	d.ipv4 = splitPartIPv4
	d.firstARN = "element_at(resources, 1).arn"
	d.parseTime = func(x string) string { return "from_iso8601_timestamp(" + x + ")" }
	d.quote = func(x string) string { return `"` + x + `"` }
	return d
}

func sign(h int) string {
	if h < 0 {
		return "-"
	}
	return "+"
}

func abs(h int) int { return max(h, -h) }

func splitPartIPv4(x string) string {
	return fmt.Sprintf("(CAST(split_part(%[1]s, '.', 1) AS BIGINT) * 16777216 + CAST(split_part(%[1]s, '.', 2) AS BIGINT) * 65536 + "+
		"CAST(split_part(%[1]s, '.', 3) AS BIGINT) * 256 + CAST(split_part(%[1]s, '.', 4) AS BIGINT))", x)
}

var sqlDialects = []dialect{
	trinoLike(dialect{name: "athena", title: "Amazon Athena (engine 3) over the CloudTrail table AWS documents, with partition projection",
		clouds: []string{"aws"}, ddl: athenaDDL,
		partition: func(start string) string {
			return fmt.Sprintf(`"timestamp" >= date_format(%s, '%%Y/%%m/%%d')`, start)
		}}),
	trinoLike(dialect{name: "trino", title: "Trino over the CloudTrail table (Athena's definition) and Cloud Audit Logs as BigQuery exports them",
		clouds: []string{"aws", "gcp"}, ddl: trinoDDL}),
	{name: "spark", title: "Spark SQL (3.4 or later, session time zone UTC) over the same tables", clouds: []string{"aws", "gcp"},
		str: "STRING", float: "DOUBLE",
		jsonStr: func(x, p string) string { return fmt.Sprintf("get_json_object(%s, %s)", x, sqlString(dotted(p))) },
		jsonPresent: func(x, p string) string {
			return fmt.Sprintf("get_json_object(%s, %s) IS NOT NULL", x, sqlString(dotted(p)))
		},
		re: func(x, p string) string { return fmt.Sprintf("(%s RLIKE %s)", x, sparkString(p)) },
		reExtract: func(x, p string) string {
			return fmt.Sprintf("NULLIF(regexp_extract(%s, %s, 1), '')", x, sparkString(p))
		},
		hour:      func(ts string) string { return fmt.Sprintf("date_trunc('HOUR', %s)", ts) },
		plusHours: func(ts string, h int) string { return fmt.Sprintf("(%s %s INTERVAL %d HOURS)", ts, sign(h), abs(h)) },
		firstBy:   func(v, o string) string { return fmt.Sprintf("min_by(%s, %s)", v, o) },
		all:       func(x string) string { return "bool_and(" + x + ")" },
		ts:        func(t time.Time) string { return "TIMESTAMP '" + t.UTC().Format("2006-01-02 15:04:05.000") + "'" },
		now:       "current_timestamp()",
		ipv4:      splitPartIPv4,
		firstARN:  "try_element_at(resources, 1).arn",
		parseTime: func(x string) string { return "to_timestamp(" + x + ")" },
		quote:     func(x string) string { return "`" + x + "`" },
		ddl:       sparkDDL},
	{name: "bigquery", title: "BigQuery (GoogleSQL) over Cloud Audit Logs exported by a log sink", clouds: []string{"gcp"},
		str: "STRING", float: "FLOAT64",
		jsonStr: func(x, p string) string { return fmt.Sprintf("JSON_VALUE(%s, %s)", x, sqlString(dotted(p))) },
		jsonPresent: func(x, p string) string {
			return fmt.Sprintf("COALESCE(JSON_QUERY(%s, %s), 'null') != 'null'", x, sqlString(dotted(p)))
		},
		re:        func(x, p string) string { return fmt.Sprintf("REGEXP_CONTAINS(%s, r%s)", x, sqlString(p)) },
		reExtract: func(x, p string) string { return fmt.Sprintf("REGEXP_EXTRACT(%s, r%s)", x, sqlString(p)) },
		hour:      func(ts string) string { return fmt.Sprintf("TIMESTAMP_TRUNC(%s, HOUR)", ts) },
		plusHours: func(ts string, h int) string { return fmt.Sprintf("TIMESTAMP_ADD(%s, INTERVAL %d HOUR)", ts, h) },
		firstBy: func(v, o string) string {
			return fmt.Sprintf("ARRAY_AGG(%s IGNORE NULLS ORDER BY %s LIMIT 1)[SAFE_OFFSET(0)]", v, o)
		},
		all:   func(x string) string { return "LOGICAL_AND(" + x + ")" },
		ts:    func(t time.Time) string { return "TIMESTAMP '" + t.UTC().Format("2006-01-02 15:04:05.000") + "+00'" },
		now:   "CURRENT_TIMESTAMP()",
		ipv4:  func(x string) string { return "NET.IPV4_TO_INT64(NET.SAFE_IP_FROM_STRING(" + x + "))" },
		quote: func(x string) string { return "`" + x + "`" },
		ddl:   bigqueryDDL},
	{name: "duckdb", title: "DuckDB over the log files themselves (the views are in the output)", clouds: []string{"aws", "gcp", "azure"},
		str: "VARCHAR", float: "DOUBLE",
		jsonStr: func(x, p string) string { return fmt.Sprintf("json_extract_string(%s, %s)", x, sqlString(dotted(p))) },
		jsonPresent: func(x, p string) string {
			return fmt.Sprintf("COALESCE(json_type(%s, %s), 'NULL') <> 'NULL'", x, sqlString(dotted(p)))
		},
		re:        func(x, p string) string { return fmt.Sprintf("regexp_matches(%s, %s)", x, sqlString(p)) },
		reExtract: func(x, p string) string { return fmt.Sprintf("NULLIF(regexp_extract(%s, %s, 1), '')", x, sqlString(p)) },
		hour:      func(ts string) string { return fmt.Sprintf("date_trunc('hour', %s)", ts) },
		plusHours: func(ts string, h int) string { return fmt.Sprintf("(%s %s INTERVAL %d HOUR)", ts, sign(h), abs(h)) },
		firstBy:   func(v, o string) string { return fmt.Sprintf("arg_min(%s, %s)", v, o) },
		all:       func(x string) string { return "bool_and(" + x + ")" },
		ts:        func(t time.Time) string { return "TIMESTAMP '" + t.UTC().Format("2006-01-02 15:04:05.000000") + "'" },
		now:       "CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP)",
		ipv4:      splitPartIPv4,
		firstARN:  "resources[1].arn",
		parseTime: func(x string) string { return "(CAST(" + x + " AS TIMESTAMPTZ) AT TIME ZONE 'UTC')" },
		quote:     func(x string) string { return `"` + x + `"` },
		ddl:       duckdbDDL},
}

// args makes a template's argument map from name, value pairs.
func args(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("args: odd number of arguments")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("args: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// registryNote is why AWS policy writes are not judged in a query.
const registryNote = "AWS resource policies (PutBucketPolicy, PutModelPackageGroupPolicy, SetRepositoryPolicy) are judged by " +
	"mlguard's IAM engine (who a policy admits once conditions are weighed), which a query cannot do; this query covers " +
	"Google Cloud IAM policies granting allUsers or allAuthenticatedUsers. Run mlguard audit on the policy-write events for AWS."

func (d dialect) target() *Target {
	d2 := d
	return &Target{Name: d.name, Title: d.title, Clouds: d.clouds, Ext: ".sql", cannot: cloudsCannot(d.clouds, nil),
		compile: func(t *Target, o *Options) ([]File, error) { return d2.compileAll(o) }}
}

// templateInput is what a detector template sees, in every language.
type templateInput struct {
	O         *Options
	Base      string
	Tags      string // the ML roles, keys and buckets, where a language keeps them apart
	HasAWS    bool
	HasGCP    bool
	HasAzure  bool
	Known     bool
	FloorObj  int
	FloorByte int64
	FloorInv  int
	Over      int
}

// newInput is the template input of a target reading the given clouds,
// with mlguard audit's thresholds.
func newInput(o *Options, clouds []string) templateInput {
	return templateInput{O: o, HasAWS: slices.Contains(clouds, "aws"), HasGCP: slices.Contains(clouds, "gcp"),
		HasAzure: slices.Contains(clouds, "azure"), Known: len(o.KnownNetworks) > 0,
		FloorObj: audit.FloorModelObjects, FloorByte: audit.FloorModelBytes, FloorInv: audit.FloorInvocations, Over: audit.VolumeOverBaseline}
}

// prepare parses one language's detector template and renders its shared
// parts (the "base" of normalized events, and "tags" where the language
// has it) into the input every detector is rendered with.
func prepare(fsys fs.FS, file string, funcs template.FuncMap, o *Options, clouds []string) (*template.Template, templateInput, error) {
	in := newInput(o, clouds)
	tmpl, err := template.New(file).Funcs(funcs).ParseFS(fsys, file)
	if err != nil {
		return nil, in, err
	}
	for _, part := range []struct {
		name string
		to   *string
	}{{"base", &in.Base}, {"tags", &in.Tags}} {
		if tmpl.Lookup(part.name) == nil {
			continue
		}
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, part.name, in); err != nil {
			return nil, in, err
		}
		*part.to = b.String()
	}
	return tmpl, in, nil
}

func (d *dialect) compileAll(o *Options) ([]File, error) {
	tmpl, in, err := prepare(sqlFS, "detectors.sql.tmpl", d.funcs(o), o, d.clouds)
	if err != nil {
		return nil, err
	}
	files := []File{{Name: "tables.sql", Content: d.ddl(o)}}
	cannot := cloudsCannot(d.clouds, nil)
	for _, id := range detectorIDs() {
		det := detector(id)
		if why := cannot(id); why != "" {
			files = append(files, notCompiled(d.name, ".sql", "-- ", id, why))
			continue
		}
		var body bytes.Buffer
		if err := tmpl.ExecuteTemplate(&body, id, in); err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		lines := []string{det.ID + ": " + det.Title + " (" + det.Severity.String() + ")", "", wrapText(det.Explanation, 90), "",
			"Generated by mlguard audit compile --target " + d.name + " for " + d.title + ".",
			windowNote(o), knownNote(o),
			"Tables: see tables.sql. Columns: detector, cloud, principal, resource, source_ip, first_seen, last_seen, events."}
		if id == "AUDIT-REGISTRY-001" {
			lines = append(lines, "", wrapText(registryNote, 90))
		}
		files = append(files, detectorFile(id, ".sql", header("-- ", lines...)+strings.TrimLeft(body.String(), "\n")))
	}
	return files, nil
}

// wrapText folds text at about width columns, for comments.
func wrapText(s string, width int) string {
	var out, line []string
	n := 0
	for _, w := range strings.Fields(s) {
		if n+len(w) > width && n > 0 {
			out = append(out, strings.Join(line, " "))
			line, n = nil, 0
		}
		line = append(line, w)
		n += len(w) + 1
	}
	if len(line) > 0 {
		out = append(out, strings.Join(line, " "))
	}
	return strings.Join(out, "\n-- ")
}

// window bounds: the detection start, its end and the learning start as
// SQL expressions.
func (d *dialect) since(o *Options) string {
	if o.Since.IsZero() {
		return d.plusHours(d.now, -o.Hours)
	}
	return d.ts(o.Since)
}

func (d *dialect) funcs(o *Options) template.FuncMap {
	known := func(ip string) string {
		if len(o.KnownNetworks) == 0 {
			return "FALSE"
		}
		var or []string
		num := fmt.Sprintf("(CASE WHEN %s THEN %s END)", d.re(ip, ipv4Pattern), d.ipv4(ip))
		for _, p := range o.KnownNetworks {
			lo, hi := prefixRange(p)
			or = append(or, fmt.Sprintf("%s BETWEEN %d AND %d", num, lo, hi))
		}
		return "(" + strings.Join(or, " OR ") + ")"
	}
	return template.FuncMap{
		"json":      d.jsonStr,
		"present":   d.jsonPresent,
		"re":        d.re,
		"reExtract": d.reExtract,
		"hour":      d.hour,
		"plusHours": d.plusHours,
		"firstBy":   d.firstBy,
		"all":       d.all,
		"q":         d.quote,
		"str":       func() string { return d.str },
		"float":     func() string { return d.float },
		"since":     func() string { return d.since(o) },
		"until": func() string {
			if o.Until.IsZero() {
				return ""
			}
			return d.ts(o.Until)
		},
		"learnStart": func() string { return d.plusHours(d.since(o), -24*o.LearnDays) },
		"partition": func() string {
			if d.partition == nil {
				return ""
			}
			return d.partition(d.plusHours(d.since(o), -24*o.LearnDays))
		},
		"parseTime":   d.parseTime,
		"firstARN":    func() string { return d.firstARN },
		"isIP":        func(x string) string { return d.re(x, ipPattern) },
		"known":       known,
		"in":          sqlIn,
		"modelObject": modelObjectSQL,
		"mlServices":  audit.MLServices,
		"kmsUse":      audit.KMSUse,
		"passing":     func(service string) []string { return audit.RolePassingCalls()[service] },
		"args":        args,
	}
}

// ipPattern matches an IPv4 or IPv6 address (not a service name such as
// sagemaker.amazonaws.com); ipv4Pattern only IPv4.
const (
	ipv4Pattern = "^[0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}$"
	ipPattern   = "^([0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$"
)

func prefixRange(p netip.Prefix) (lo, hi uint64) {
	a := p.Masked().Addr().As4()
	lo = uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
	return lo, lo + (1 << (32 - p.Bits())) - 1
}

// sqlIn is x IN ('a', 'b').
func sqlIn(x string, vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = sqlString(v)
	}
	return x + " IN (" + strings.Join(q, ", ") + ")"
}

// modelObjectSQL is audit.IsModelArtifact over a lower-cased key.
func modelObjectSQL(x string) string {
	var or []string
	for _, s := range audit.ModelSuffixes() {
		or = append(or, fmt.Sprintf("%s LIKE '%%%s'", x, s))
	}
	or = append(or, x+" = 'model.tar.gz'", x+" LIKE '%/model.tar.gz'",
		fmt.Sprintf("(%[1]s LIKE '%%.tar.gz' AND (%[1]s LIKE '%%model%%' OR %[1]s LIKE '%%/output/%%'))", x),
		fmt.Sprintf("('/' || %[1]s LIKE '%%/model-packages/%%' OR '/' || %[1]s LIKE '%%/model-package/%%')", x))
	return "(" + strings.Join(or, "\n      OR ") + ")"
}
