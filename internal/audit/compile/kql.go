package compile

import (
	"bytes"
	"crypto/sha1"
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/audit"
	"github.com/mlguard/mlguard/internal/rule"
)

//go:embed detectors.kql.tmpl
var kqlFS embed.FS

// sentinelMaxPeriod is the longest look-back of a Sentinel scheduled rule.
const sentinelMaxPeriod = 14 * 24 * time.Hour

// kqlTarget writes Sentinel analytics rules.
func kqlTarget() *Target {
	clouds := []string{"aws", "azure"}
	return &Target{Name: "kql", Title: "Microsoft Sentinel scheduled analytics rules (YAML) over AWSCloudTrail and AzureActivity",
		Clouds: clouds, Ext: ".yaml", learnDays: 13, cannot: cloudsCannot(clouds, map[string]string{
			"AUDIT-REGISTRY-001": "on AWS the written policy is judged by mlguard's IAM engine, which KQL cannot do; " +
				"the Google Cloud half reads Cloud Audit Logs, which this target's tables do not hold",
		}), compile: compileKQL}
}

// sentinelRule is the analytics rule format Sentinel imports.
type sentinelRule struct {
	ID                    string              `yaml:"id"`
	Name                  string              `yaml:"name"`
	Description           string              `yaml:"description"`
	Severity              string              `yaml:"severity"`
	RequiredDataConnector []sentinelConnector `yaml:"requiredDataConnectors"`
	QueryFrequency        string              `yaml:"queryFrequency"`
	QueryPeriod           string              `yaml:"queryPeriod"`
	TriggerOperator       string              `yaml:"triggerOperator"`
	TriggerThreshold      int                 `yaml:"triggerThreshold"`
	Tactics               []string            `yaml:"tactics,omitempty"`
	RelevantTechniques    []string            `yaml:"relevantTechniques,omitempty"`
	Query                 string              `yaml:"query"`
	EntityMappings        []sentinelEntity    `yaml:"entityMappings"`
	Version               string              `yaml:"version"`
	Kind                  string              `yaml:"kind"`
}

type sentinelConnector struct {
	ConnectorID string   `yaml:"connectorId"`
	DataTypes   []string `yaml:"dataTypes"`
}

type sentinelEntity struct {
	EntityType    string          `yaml:"entityType"`
	FieldMappings []sentinelField `yaml:"fieldMappings"`
}

type sentinelField struct {
	Identifier string `yaml:"identifier"`
	ColumnName string `yaml:"columnName"`
}

// kqlFuncs are the template functions of the KQL detectors.
func kqlFuncs(o *Options) template.FuncMap {
	list := func(xs []string) string {
		q := make([]string, len(xs))
		for i, x := range xs {
			q[i] = dquote(x)
		}
		return strings.Join(q, ", ")
	}
	return template.FuncMap{
		"since": func() string {
			if o.Since.IsZero() {
				return fmt.Sprintf("ago(%dh)", o.Hours)
			}
			return kqlTime(o.Since)
		},
		"until": func() string {
			if o.Until.IsZero() {
				return "now()"
			}
			return kqlTime(o.Until)
		},
		"known": func() string {
			var s []string
			for _, p := range o.KnownNetworks {
				s = append(s, p.String())
			}
			return list(s)
		},
		"modelObject": func(x string) string {
			var or []string
			for _, s := range audit.ModelSuffixes() {
				or = append(or, fmt.Sprintf("%s endswith %s", x, dquote(s)))
			}
			or = append(or, x+` == "model.tar.gz"`, x+` endswith "/model.tar.gz"`,
				fmt.Sprintf(`(%[1]s endswith ".tar.gz" and (%[1]s contains "model" or %[1]s contains "/output/"))`, x),
				fmt.Sprintf(`strcat("/", %[1]s) contains "/model-packages/" or strcat("/", %[1]s) contains "/model-package/"`, x))
			return "(" + strings.Join(or, "\n        or ") + ")"
		},
		"list":    list,
		"passing": func(service string) []string { return audit.RolePassingCalls()[service] },
		"kmsUse":  audit.KMSUse,
		"args":    args,
	}
}

// dquote quotes a string literal in double quotes with backslash escapes
// (KQL, SPL).
func dquote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func kqlTime(t time.Time) string { return "datetime(" + t.UTC().Format(time.RFC3339Nano) + ")" }

func compileKQL(t *Target, o *Options) ([]File, error) {
	period := time.Duration(o.Hours)*time.Hour + time.Duration(o.LearnDays)*24*time.Hour
	if o.Since.IsZero() && period > sentinelMaxPeriod {
		return nil, fmt.Errorf("a Sentinel scheduled rule looks back at most 14 days: %d hours of detection and %d days of learning do not fit (use --learn-days %d or less)",
			o.Hours, o.LearnDays, int((sentinelMaxPeriod-time.Duration(o.Hours)*time.Hour)/(24*time.Hour)))
	}
	tmpl, in, err := prepare(kqlFS, "detectors.kql.tmpl", kqlFuncs(o), o, t.Clouds)
	if err != nil {
		return nil, err
	}
	files := []File{{Name: "tables.kql", Content: header("// ",
		"The rules read two Microsoft Sentinel tables, as their connectors fill them:",
		"  AWSCloudTrail (Amazon Web Services S3 connector): TimeGenerated, EventSource, EventName, ErrorCode, UserIdentityArn,",
		"    UserIdentityInvokedBy, UserIdentityAccountId, SessionIssuerType, SessionIssuerArn, SourceIpAddress, VpcEndpointId,",
		"    RecipientAccountId, RequestParameters, AdditionalEventData, Resources, AwsEventId;",
		"  AzureActivity (Azure Activity connector): TimeGenerated, OperationNameValue, ActivityStatusValue, Caller,",
		"    CallerIpAddress, SubscriptionId, _ResourceId, Properties_d, EventDataId.",
		"S3 object reads and SageMaker/Bedrock invocations reach AWSCloudTrail only when the trail records data events.",
		"Sentinel scheduled rules look back at most 14 days, so the learning period is at most 14 days less the window.")}}
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
		r := sentinelRule{ID: stableUUID("mlguard/" + id), Name: "mlguard " + id + ": " + det.Title,
			Description: det.Explanation + " " + windowNote(o) + " " + knownNote(o) + " Generated by mlguard audit compile --target kql.",
			Severity:    sentinelSeverity(det.Severity),
			RequiredDataConnector: []sentinelConnector{{ConnectorID: "AWS", DataTypes: []string{"AWSCloudTrail"}},
				{ConnectorID: "AzureActivity", DataTypes: []string{"AzureActivity"}}},
			QueryFrequency: fmt.Sprintf("%dh", o.Hours), QueryPeriod: kqlPeriod(period),
			TriggerOperator: "gt", Tactics: tactics(det.Techniques), RelevantTechniques: attackTechniques(det.Techniques),
			Query: strings.TrimSpace(body.String()) + "\n",
			EntityMappings: []sentinelEntity{
				{EntityType: "Account", FieldMappings: []sentinelField{{Identifier: "FullName", ColumnName: "principal"}}},
				{EntityType: "IP", FieldMappings: []sentinelField{{Identifier: "Address", ColumnName: "source_ip"}}},
			},
			Version: "1.0.0", Kind: "Scheduled"}
		out, err := yaml.Marshal(r)
		if err != nil {
			return nil, err
		}
		files = append(files, detectorFile(id, ".yaml", string(out)))
	}
	return files, nil
}

// kqlPeriod writes a look-back in days when whole, else hours.
func kqlPeriod(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return fmt.Sprintf("%dh", d/time.Hour)
}

// stableUUID is a name-based UUID (version 5 layout over SHA-1), so a
// rule keeps its ID from one compile to the next.
func stableUUID(name string) string {
	h := sha1.Sum([]byte(name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func sentinelSeverity(s rule.Severity) string {
	switch s {
	case rule.Critical, rule.High:
		return "High"
	case rule.Medium:
		return "Medium"
	case rule.Low:
		return "Low"
	}
	return "Informational"
}

// attackTechniques keeps the ATT&CK IDs (ATLAS IDs are not Sentinel's).
func attackTechniques(ts []string) []string {
	var out []string
	for _, t := range ts {
		if strings.HasPrefix(t, "T") {
			out = append(out, t)
		}
	}
	return out
}

// tactics are the ATT&CK tactics of the techniques the detectors name.
func tactics(ts []string) []string {
	byTechnique := map[string]string{"T1530": "Collection", "T1537": "Exfiltration", "T1562": "DefenseEvasion",
		"T1485": "Impact", "T1486": "Impact", "T1078": "InitialAccess", "T1552": "CredentialAccess"}
	var out []string
	for _, t := range ts {
		base, _, _ := strings.Cut(t, ".")
		if tac := byTechnique[base]; tac != "" && !slices.Contains(out, tac) {
			out = append(out, tac)
		}
	}
	return out
}
