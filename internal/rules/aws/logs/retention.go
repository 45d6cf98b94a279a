package logs

import (
	"fmt"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/rule"
)

// minRetentionDays is the shortest retention that keeps a year of evidence,
// the period most audit regimes ask investigators to be able to look back.
const minRetentionDays = 365

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-LOGS-002", Slug: "ml-log-group-short-retention",
			Title:    "SageMaker or Bedrock log group keeps logs for less than a year",
			Severity: rule.Low, Category: rule.Logging,
			Resources:  []string{"aws_cloudwatch_log_group", "AWS::Logs::LogGroup"},
			Frameworks: framework.Frameworks([]string{"AU-11", "AU-9"}, []string{"PR.PS-04"}, []string{"A.8.15"}, []string{"CC7.2"}, nil),
			Rationale: "Training, endpoint and invocation logs are the record of what a model was fed and what it answered. When " +
				"a model is found poisoned or a prompt-injection campaign is discovered months later, logs deleted after weeks " +
				"leave nothing to investigate.",
			Remediation: "Set retention_in_days to 365 or more (or leave it unset to keep logs until you delete them, " +
				"and export to S3 with a lifecycle policy).",
			Fixes: map[string]string{"terraform": `retention_in_days = 365`, "cloudformation": `RetentionInDays: 365`},
			Defaults: []string{"aws_cloudwatch_log_group.retention_in_days: 0 when absent, which keeps events forever and is not reported",
				fmt.Sprintf("Retention below %d days is reported", minRetentionDays)},
			References: []string{"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, lg := range in.AWS.LogGroups {
				r := lg.RetentionDays
				if !isML(lg) || !r.Known() || r.Value <= 0 || r.Value >= minRetentionDays {
					continue
				}
				out = append(out, rule.NewResult(lg.Resource, r.Meta, fmt.Sprint(r.Value), "%s (%s) deletes events after %d days", lg.Address, label(lg), r.Value))
			}
			return out
		},
	})
}
