package compile

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"text/template"

	"github.com/mlguard/mlguard/internal/audit"
)

//go:embed detectors.spl.tmpl
var splFS embed.FS

// lookupSearches keep the ML roles, keys and buckets in lookups, in the
// order they must run (keys and buckets read the roles).
func lookupSearches() []string {
	return []string{"mlguard ML roles", "mlguard ML keys", "mlguard ML buckets"}
}

// splTarget writes Splunk saved searches over the CloudTrail add-on's
// events.
func splTarget() *Target {
	clouds := []string{"aws"}
	return &Target{Name: "splunk", Title: "Splunk saved searches (savedsearches.conf stanzas) over the Splunk Add-on for AWS CloudTrail events",
		Clouds: clouds, Ext: ".conf", cannot: cloudsCannot(clouds, nil), compile: compileSPL}
}

func splFuncs(o *Options) template.FuncMap {
	quoted := func(xs []string) []string {
		q := make([]string, len(xs))
		for i, x := range xs {
			q[i] = dquote(x)
		}
		return q
	}
	return template.FuncMap{
		"since": func() string {
			if o.Since.IsZero() {
				return fmt.Sprintf(`relative_time(now(), "-%dh")`, o.Hours)
			}
			return fmt.Sprint(o.Since.Unix())
		},
		"learnStart": func() string {
			if o.Since.IsZero() {
				return fmt.Sprintf("-%dh", o.Hours+24*o.LearnDays)
			}
			return fmt.Sprint(o.Since.Unix() - int64(24*3600*o.LearnDays))
		},
		"until": func() string {
			if o.Until.IsZero() {
				return "now"
			}
			return fmt.Sprint(o.Until.Unix() + 1) // latest is exclusive; --until is not
		},
		"known": func() string {
			if len(o.KnownNetworks) == 0 {
				return ""
			}
			var or []string
			for _, p := range o.KnownNetworks {
				or = append(or, fmt.Sprintf("cidrmatch(%s, source_ip)", dquote(p.String())))
			}
			return " AND NOT (" + strings.Join(or, " OR ") + ")"
		},
		"modelObject": func() string {
			var or []string
			for _, s := range audit.ModelSuffixes() {
				or = append(or, fmt.Sprintf(`like(lobject, "%%%s")`, s))
			}
			or = append(or, `lobject="model.tar.gz"`, `like(lobject, "%/model.tar.gz")`,
				`(like(lobject, "%.tar.gz") AND (like(lobject, "%model%") OR like(lobject, "%/output/%")))`,
				`like("/" . lobject, "%/model-packages/%")`, `like("/" . lobject, "%/model-package/%")`)
			return "(" + strings.Join(or, " OR ") + ")"
		},
		"in": func(x string, vs []string) string {
			return "in(" + x + ", " + strings.Join(quoted(vs), ", ") + ")"
		},
		"list":       func(xs ...string) []string { return xs },
		"passing":    func(service string) []string { return audit.RolePassingCalls()[service] },
		"kmsUse":     audit.KMSUse,
		"mlServices": audit.MLServices,
		"args":       args,
	}
}

// stanza writes one savedsearches.conf stanza; the search continues over
// lines with a trailing backslash.
func stanza(name, description, search, cron string, alert bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s]\n", name)
	fmt.Fprintf(&b, "description = %s\n", strings.ReplaceAll(description, "\n", " "))
	lines := strings.Split(strings.TrimSpace(search), "\n")
	fmt.Fprintf(&b, "search = %s\n", strings.Join(lines, " \\\n"))
	fmt.Fprintf(&b, "cron_schedule = %s\nenableSched = 1\n", cron)
	if alert {
		b.WriteString("counttype = number of events\nrelation = greater than\nquantity = 0\nalert.track = 1\nalert.suppress = 0\n")
	}
	return b.String()
}

func compileSPL(t *Target, o *Options) ([]File, error) {
	tmpl, in, err := prepare(splFS, "detectors.spl.tmpl", splFuncs(o), o, t.Clouds)
	if err != nil {
		return nil, err
	}
	files := []File{{Name: "macros.conf", Content: header("# ",
		"macros.conf: where the searches find CloudTrail as the Splunk Add-on for AWS indexes it (sourcetype",
		"aws:cloudtrail, fields named as in the records: eventName, userIdentity.arn, requestParameters.bucketName, ...).",
		"Change the definition to your index. The saved searches keep three lookups (mlguard_ml_roles.csv,",
		"mlguard_ml_keys.csv, mlguard_ml_buckets.csv) that the detectors read: schedule them before the detectors.",
		"first_seen and last_seen are written in the time zone of the user the searches run as: make it UTC.",
		windowNote(o), knownNote(o)) + "[mlguard_cloudtrail]\ndefinition = index=aws sourcetype=aws:cloudtrail\n"}}
	var lookups strings.Builder
	lookups.WriteString(header("# ", "savedsearches.conf stanzas that keep the ML roles, keys and buckets lookups, in the order they run."))
	for i, name := range lookupSearches() {
		var body bytes.Buffer
		if err := tmpl.ExecuteTemplate(&body, name, in); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		lookups.WriteString("\n" + stanza(name, "Keeps "+strings.TrimPrefix(name, "mlguard ")+" for the mlguard detectors.", body.String(),
			fmt.Sprintf("%d * * * *", 5*i), false))
	}
	files = append(files, File{Name: "lookups.conf", Content: lookups.String()})
	for _, id := range detectorIDs() {
		det := detector(id)
		if why := t.Cannot(id); why != "" {
			files = append(files, notCompiled(t.Name, t.Ext, "# ", id, why))
			continue
		}
		var body bytes.Buffer
		if err := tmpl.ExecuteTemplate(&body, id, in); err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		desc := det.Explanation + " Severity " + det.Severity.String() + "; techniques " + strings.Join(det.Techniques, ", ") + ". " + windowNote(o)
		files = append(files, detectorFile(id, t.Ext, header("# ", det.ID+": "+det.Title, "Generated by mlguard audit compile --target splunk.")+
			stanza("mlguard "+id+": "+det.Title, desc, body.String(), "20 * * * *", true)))
	}
	return files, nil
}
