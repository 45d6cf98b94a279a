package compile

import (
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenOptions are the options the golden files are written with.
func goldenOptions() Options {
	return Options{Since: time.Date(2026, 10, 10, 0, 0, 0, 0, time.UTC), LearnDays: 9,
		KnownNetworks: []netip.Prefix{netip.MustParsePrefix("203.0.113.0/24")}, Logs: "/var/log/mlguard"}
}

// TestGolden: every target's output, file by file, against testdata
// (go test ./internal/audit/compile -run Golden -update rewrites them).
func TestGolden(t *testing.T) {
	for _, target := range Targets() {
		files, err := target.Compile(goldenOptions())
		if err != nil {
			t.Fatalf("%s: %v", target.Name, err)
		}
		dir := filepath.Join("testdata", "golden", target.Name)
		if *update {
			os.RemoveAll(dir)
			os.MkdirAll(dir, 0o755)
		}
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
			p := filepath.Join(dir, f.Name)
			if *update {
				if err := os.WriteFile(p, []byte(f.Content), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(p)
			if err != nil {
				t.Errorf("%s: %v (run with -update)", p, err)
				continue
			}
			if string(want) != f.Content {
				t.Errorf("%s differs from its golden file (run with -update and read the diff)", p)
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !slices.Contains(names, e.Name()) {
				t.Errorf("%s: golden file of no output", filepath.Join(dir, e.Name()))
			}
		}
	}
}

// TestEveryDetectorAccountedFor: each target writes one file per detector
// (or per detector and log source for Sigma), a query where it compiles and
// a comment saying why where it does not, and the docs' table says the same.
func TestEveryDetectorAccountedFor(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/audit.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range Targets() {
		files, err := target.Compile(goldenOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range detectorIDs() {
			var mine []File
			for _, f := range files {
				if strings.HasPrefix(f.Name, strings.ToLower(id)+".") || strings.HasPrefix(f.Name, strings.ToLower(id)+"-") {
					mine = append(mine, f)
				}
			}
			why := target.Cannot(id)
			switch {
			case len(mine) == 0:
				t.Errorf("%s %s: no file", target.Name, id)
			case why != "" && (len(mine) != 1 || !strings.Contains(mine[0].Content, "Not compiled for "+target.Name+": "+why)):
				t.Errorf("%s %s: not compiled, but the file does not say why", target.Name, id)
			case why == "" && strings.Contains(mine[0].Content, "Not compiled"):
				t.Errorf("%s %s: compiles, but the file says it does not", target.Name, id)
			}
			mark := "yes"
			if why != "" {
				mark = "no"
			}
			row := "| " + id + " |"
			line := ""
			for _, l := range strings.Split(string(doc), "\n") {
				if strings.HasPrefix(l, row) {
					line = l
				}
			}
			cells := strings.Split(line, "|")
			col := slices.IndexFunc(targetColumns, func(n string) bool { return n == target.Name })
			if line == "" || col < 0 || len(cells) < col+3 || !strings.HasPrefix(strings.TrimSpace(cells[col+2]), mark) {
				t.Errorf("docs/audit.md: the row of %s does not say %q under %s", id, mark, target.Name)
			}
		}
	}
}

// targetColumns are the docs table's target columns, in order.
var targetColumns = []string{"athena", "trino", "spark", "bigquery", "duckdb", "kql", "splunk", "sigma"}

// TestBalanced: every query's parentheses and brackets balance outside
// strings and comments, the check a parser would make first, for the
// targets no engine here can run.
func TestBalanced(t *testing.T) {
	for _, target := range Targets() {
		files, _ := target.Compile(goldenOptions())
		for _, f := range files {
			if err := balanced(f.Content); err != nil {
				t.Errorf("%s/%s: %v", target.Name, f.Name, err)
			}
		}
	}
}

func balanced(s string) error {
	var stack []rune
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var quote rune
	for i, line := range strings.Split(s, "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "--") || strings.HasPrefix(trim, "//") || strings.HasPrefix(trim, "#") || strings.HasPrefix(trim, "```") ||
			strings.HasPrefix(trim, "[mlguard") || strings.HasPrefix(trim, "description") || strings.HasPrefix(trim, "name:") {
			continue
		}
		runes := []rune(line)
		for j := 0; j < len(runes); j++ {
			c := runes[j]
			switch {
			case quote != 0:
				if c == '\\' && quote != '\'' {
					j++
				} else if c == quote {
					quote = 0
				}
			case c == '\'' || c == '"' || c == '`':
				quote = c
			case c == '(' || c == '[' || c == '{':
				stack = append(stack, c)
			case pairs[c] != 0:
				if len(stack) == 0 || stack[len(stack)-1] != pairs[c] {
					return &balanceError{line: i + 1, what: string(c)}
				}
				stack = stack[:len(stack)-1]
			}
		}
		if quote == '\'' || quote == '"' {
			// Strings do not span lines in these languages, except YAML
			// scalars, which quote nothing the check needs.
			quote = 0
		}
	}
	if len(stack) > 0 {
		return &balanceError{what: "unclosed " + string(stack)}
	}
	return nil
}

type balanceError struct {
	line int
	what string
}

func (e *balanceError) Error() string {
	return "unbalanced " + e.what + " at line " + strconv.Itoa(e.line)
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestSigmaRules: each rule has what the Sigma specification requires,
// a stable UUID, a known level, tags in its form, and a condition that
// names only the selections the rule defines.
func TestSigmaRules(t *testing.T) {
	target, _ := Find("sigma")
	files, _ := target.Compile(goldenOptions())
	rules := 0
	for _, f := range files[1:] {
		if strings.HasPrefix(f.Content, "#") {
			continue
		}
		rules++
		var r map[string]any
		if err := yaml.Unmarshal([]byte(f.Content), &r); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, k := range []string{"title", "id", "logsource", "detection", "level", "status", "description"} {
			if r[k] == nil {
				t.Errorf("%s: no %s", f.Name, k)
			}
		}
		if id, _ := r["id"].(string); !uuidRE.MatchString(id) {
			t.Errorf("%s: id %q is not a UUID", f.Name, id)
		}
		if lvl, _ := r["level"].(string); !slices.Contains([]string{"informational", "low", "medium", "high", "critical"}, lvl) {
			t.Errorf("%s: level %q", f.Name, lvl)
		}
		for _, tag := range r["tags"].([]any) {
			if !regexp.MustCompile(`^attack\.(t[0-9]{4}(\.[0-9]{3})?|[a-z-]+)$`).MatchString(tag.(string)) {
				t.Errorf("%s: tag %q", f.Name, tag)
			}
		}
		det := r["detection"].(map[string]any)
		cond, _ := det["condition"].(string)
		for _, word := range regexp.MustCompile(`[A-Za-z_]+`).FindAllString(cond, -1) {
			if word == "and" || word == "or" || word == "not" {
				continue
			}
			if det[word] == nil {
				t.Errorf("%s: condition names %q, which the rule does not define", f.Name, word)
			}
		}
	}
	if rules != 7 {
		t.Errorf("%d Sigma rules, want 7", rules)
	}
}

// TestSentinelRules: each analytics rule reads as Sentinel's format, looks
// back at most 14 days, runs as often as its window, and maps entities to
// columns its query returns.
func TestSentinelRules(t *testing.T) {
	target, _ := Find("kql")
	var known []netip.Prefix
	for i := range 20 {
		known = append(known, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i), 0, 0}), 16))
	}
	files, err := target.Compile(Options{KnownNetworks: known})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files[1:] {
		if strings.HasPrefix(f.Content, "#") {
			continue
		}
		var r sentinelRule
		if err := yaml.Unmarshal([]byte(f.Content), &r); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if !uuidRE.MatchString(r.ID) || r.Kind != "Scheduled" || r.QueryFrequency != "24h" || r.QueryPeriod != "14d" || r.TriggerOperator != "gt" {
			t.Errorf("%s: %+v", f.Name, r)
		}
		for _, e := range r.EntityMappings {
			for _, m := range e.FieldMappings {
				if !strings.Contains(r.Query, m.ColumnName) {
					t.Errorf("%s: entity column %s not in the query", f.Name, m.ColumnName)
				}
			}
		}
		// Sentinel refuses a rule whose query is longer than 10,000
		// characters; twenty known networks must still fit.
		if len(r.Query) > 10000 {
			t.Errorf("%s: the query has %d characters, more than Sentinel's 10,000", f.Name, len(r.Query))
		}
		if !strings.Contains(r.Query, `detector = "`) {
			t.Errorf("%s: the query does not name its detector", f.Name)
		}
	}
}

// TestRefused: options a target cannot honour are refused with the reason.
func TestRefused(t *testing.T) {
	since := time.Date(2026, 10, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		target string
		o      Options
		want   string
	}{
		{"athena", Options{KnownNetworks: []netip.Prefix{netip.MustParsePrefix("2001:db8::/32")}}, "only IPv4 ranges compile"},
		{"duckdb", Options{Since: since, Until: since}, "is not before --until"},
		{"kql", Options{LearnDays: 30}, "looks back at most 14 days"},
		{"nosuch", Options{}, "unknown target"},
	} {
		target, err := Find(tc.target)
		if err == nil {
			_, err = target.Compile(tc.o)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %+v: %v, want %q", tc.target, tc.o, err, tc.want)
		}
	}
}
