package compile

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mlguard/mlguard/internal/rule"
)

// statefulReason is why the detectors that learn a baseline are not Sigma
// rules: a Sigma rule matches one event (correlation rules count events in
// a window, but do not remember what was seen before it).
const statefulReason = "it needs a baseline (what a principal read, called or used before the window, or its busiest hour), " +
	"and a Sigma rule matches single events; correlation rules count events in a window but remember nothing from before it"

func sigmaTarget() *Target {
	clouds := []string{"aws", "gcp", "azure"}
	return &Target{Name: "sigma", Title: "Sigma rules (one per detector and log source) for any SIEM with a Sigma backend",
		Clouds: clouds, Ext: ".yml", compile: compileSigma, cannot: cloudsCannot(clouds, map[string]string{
			"AUDIT-EXFIL-001": statefulReason, "AUDIT-EXFIL-002": statefulReason, "AUDIT-EXFIL-003": statefulReason,
			"AUDIT-EXTRACT-001": statefulReason, "AUDIT-REGISTRY-002": statefulReason, "AUDIT-REGISTRY-003": statefulReason,
			"AUDIT-CRED-001": statefulReason, "AUDIT-KEYS-001": statefulReason,
			"AUDIT-EVASION-003": "it judges a bucket by whether ML workloads were seen using it before, which is learned state",
		})}
}

// sigmaRule is one rule in the Sigma format.
type sigmaRule struct {
	Title          string            `yaml:"title"`
	ID             string            `yaml:"id"`
	Status         string            `yaml:"status"`
	Description    string            `yaml:"description"`
	Author         string            `yaml:"author"`
	Tags           []string          `yaml:"tags"`
	Logsource      map[string]string `yaml:"logsource"`
	Detection      yaml.Node         `yaml:"detection"`
	Falsepositives []string          `yaml:"falsepositives"`
	Level          string            `yaml:"level"`
}

// part is one Sigma rule of a detector: its log source and detection.
type part struct {
	suffix    string
	logsource map[string]string
	// search is the named selections in order, then the condition.
	search    []kv
	condition string
	note      string
}

type kv struct {
	key   string
	value any
}

// sigmaParts are the rules per detector.
func sigmaParts(id string) []part {
	awsSource := map[string]string{"product": "aws", "service": "cloudtrail"}
	gcpSource := map[string]string{"product": "gcp", "service": "gcp.audit"}
	azureSource := map[string]string{"product": "azure", "service": "activitylogs"}
	failed := kv{"filter_failed", map[string]any{"errorCode|exists": true}}
	switch id {
	case "AUDIT-EVASION-001":
		return []part{
			{suffix: "aws", logsource: awsSource, condition: "selection and not filter_failed", search: []kv{
				{"selection", []map[string]any{
					{"eventSource": "cloudtrail.amazonaws.com", "eventName": []string{"StopLogging", "DeleteTrail"}},
					{"eventSource": "bedrock.amazonaws.com", "eventName": "DeleteModelInvocationLoggingConfiguration"},
				}}, failed},
				note: "PutEventSelectors that drop data events are not here: telling them apart needs the selectors' contents, " +
					"which Sigma field matching cannot inspect inside arrays; the SQL, KQL and Splunk targets include them."},
			{suffix: "gcp", logsource: gcpSource, condition: "selection", search: []kv{
				{"selection", map[string]any{"gcp.audit.method_name|endswith": []string{
					"ConfigServiceV2.DeleteSink", "ConfigServiceV2.CreateExclusion", "ConfigServiceV2.UpdateSink"}}}}},
			{suffix: "azure", logsource: azureSource, condition: "selection", search: []kv{
				{"selection", map[string]any{"operationName": "Microsoft.Insights/diagnosticSettings/delete"}}}},
		}
	case "AUDIT-EVASION-002":
		return []part{
			{suffix: "gcp", logsource: gcpSource, condition: "selection", search: []kv{
				{"selection", map[string]any{"gcp.audit.method_name|endswith": []string{
					"KeyManagementService.DestroyCryptoKeyVersion", "KeyManagementService.DisableCryptoKeyVersion"}}}}},
			{suffix: "azure", logsource: azureSource, condition: "selection", search: []kv{
				{"selection", map[string]any{"operationName|startswith": "Microsoft.KeyVault/vaults/keys/",
					"operationName|endswith": []string{"/delete", "/purge/action"}}}},
				note: "The AWS half is not here: it judges only keys ML workloads were seen using, which is learned state."},
		}
	case "AUDIT-EVASION-004":
		return []part{{suffix: "aws", logsource: awsSource,
			condition: "((notebook and not notebook_locked) or notebook_root or (endpoint_config and not endpoint_key) or " +
				"(job and ((not job_vpc and not processing_vpc) or (not job_key and not processing_key)))) and not filter_failed",
			search: []kv{
				{"notebook", map[string]any{"eventSource": "sagemaker.amazonaws.com", "eventName": "CreateNotebookInstance"}},
				{"notebook_locked", map[string]any{"requestParameters.directInternetAccess": "Disabled", "requestParameters.rootAccess": "Disabled"}},
				{"notebook_root", map[string]any{"eventSource": "sagemaker.amazonaws.com", "eventName": "UpdateNotebookInstance", "requestParameters.rootAccess": "Enabled"}},
				{"endpoint_config", map[string]any{"eventSource": "sagemaker.amazonaws.com", "eventName": "CreateEndpointConfig"}},
				{"endpoint_key", map[string]any{"requestParameters.kmsKeyId|exists": true}},
				{"job", map[string]any{"eventSource": "sagemaker.amazonaws.com", "eventName": []string{"CreateTrainingJob", "CreateProcessingJob"}}},
				{"job_vpc", map[string]any{"requestParameters.vpcConfig|exists": true}},
				{"processing_vpc", map[string]any{"requestParameters.networkConfig.vpcConfig|exists": true}},
				{"job_key", map[string]any{"requestParameters.outputDataConfig.kmsKeyId|exists": true}},
				{"processing_key", map[string]any{"requestParameters.processingOutputConfig.kmsKeyId|exists": true}},
				failed,
			}}}
	case "AUDIT-REGISTRY-001":
		return []part{{suffix: "gcp", logsource: gcpSource, condition: "selection and keywords", search: []kv{
			{"selection", map[string]any{"gcp.audit.method_name|endswith": []string{"setIamPermissions", "SetIamPolicy"}}},
			{"keywords", []string{"allUsers", "allAuthenticatedUsers"}},
		}, note: "The members are matched as keywords anywhere in the entry (Sigma cannot address a policy's bindings); " +
			"AWS policy writes are judged by mlguard's IAM engine and are not here."}}
	}
	return nil
}

func compileSigma(t *Target, o *Options) ([]File, error) {
	files := []File{{Name: "README.md", Content: "# mlguard audit detectors as Sigma rules\n\n" +
		"The rules use Sigma's standard log sources and the field names of SigmaHQ's rules for them:\n\n" +
		"- `product: aws`, `service: cloudtrail`: CloudTrail records (`eventSource`, `eventName`, `errorCode`, `requestParameters.*`);\n" +
		"- `product: gcp`, `service: gcp.audit`: Cloud Audit Logs (`gcp.audit.method_name`);\n" +
		"- `product: azure`, `service: activitylogs`: the Azure Activity Log (`operationName`).\n\n" +
		"Only the detectors that judge one event at a time are Sigma rules; each other detector's file says why not.\n"}}
	for _, id := range detectorIDs() {
		det := detector(id)
		if why := t.Cannot(id); why != "" {
			files = append(files, notCompiled(t.Name, t.Ext, "# ", id, why))
			continue
		}
		for _, p := range sigmaParts(id) {
			r := sigmaRule{Title: "mlguard " + id + ": " + det.Title + " (" + p.suffix + ")", ID: stableUUID("mlguard/sigma/" + id + "/" + p.suffix),
				Status: "experimental", Description: strings.TrimSpace(det.Explanation + " " + p.note), Author: "mlguard audit compile",
				Tags: sigmaTags(det.Techniques), Logsource: p.logsource, Falsepositives: []string{"Planned administration by the platform team"},
				Level: sigmaLevel(det.Severity)}
			det, err := detection(p)
			if err != nil {
				return nil, err
			}
			r.Detection = *det
			out, err := yaml.Marshal(&r)
			if err != nil {
				return nil, err
			}
			files = append(files, detectorFile(id, "-"+p.suffix+".yml", string(out)))
		}
	}
	return files, nil
}

// detection is the ordered mapping of selections and the condition.
func detection(p part) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, s := range append(p.search, kv{"condition", p.condition}) {
		var val yaml.Node
		if err := val.Encode(s.value); err != nil {
			return nil, fmt.Errorf("sigma %s: %w", s.key, err)
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: s.key}, &val)
	}
	return n, nil
}

func sigmaTags(ts []string) []string {
	var out []string
	for _, t := range ts {
		if strings.HasPrefix(t, "T") {
			out = append(out, "attack."+strings.ToLower(t))
		}
	}
	for _, tac := range tactics(ts) {
		out = append(out, "attack."+map[string]string{"Collection": "collection", "Exfiltration": "exfiltration",
			"DefenseEvasion": "defense-evasion", "Impact": "impact", "InitialAccess": "initial-access", "CredentialAccess": "credential-access"}[tac])
	}
	return out
}

func sigmaLevel(s rule.Severity) string {
	switch s {
	case rule.Critical:
		return "critical"
	case rule.High:
		return "high"
	case rule.Medium:
		return "medium"
	}
	return "low"
}
