package bedrock

import (
	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-BEDROCK-003", Slug: "guardrail-prompt-attack-filter",
			Title:    "Bedrock guardrail does not filter prompt attacks",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  []string{"aws_bedrock_guardrail", "AWS::Bedrock::Guardrail"},
			Frameworks: framework.ModelSafety(),
			Rationale: "Prompt injection and jailbreaks are the first attack on any application built on a model. A guardrail " +
				"without the PROMPT_ATTACK content filter (or with its input strength NONE) lets them through to the model and its tools.",
			Remediation: "Add a content_policy_config filter of type PROMPT_ATTACK with input_strength MEDIUM or HIGH (its output strength must be NONE).",
			Fixes: map[string]string{"terraform": `content_policy_config {
  filters_config {
    type            = "PROMPT_ATTACK"
    input_strength  = "HIGH"
    output_strength = "NONE"
  }
}`, "cloudformation": `ContentPolicyConfig:
  FiltersConfig:
    - Type: PROMPT_ATTACK
      InputStrength: HIGH
      OutputStrength: NONE`},
			Defaults:   []string{"aws_bedrock_guardrail.content_policy_config: none; no content filter applies"},
			References: []string{"https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-prompt-attack.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			for _, g := range in.AWS.Guardrails {
				if g.FiltersUnknown {
					continue
				}
				at, found, unknown := model.Meta{Range: g.Range}, false, false
				for _, f := range g.Filters {
					if !f.Type.Known() {
						unknown = true
						continue
					}
					if f.Type.Value != "PROMPT_ATTACK" {
						continue
					}
					if !f.InputStrength.Known() {
						unknown = true
					} else if f.InputStrength.Value != "NONE" {
						found = true
					} else {
						at = f.InputStrength.Meta
					}
				}
				if !found && !unknown {
					out = append(out, rule.NewResult(g.Resource, at, "no prompt attack filter",
						"%s has no PROMPT_ATTACK content filter on its input", g.Address))
				}
			}
			return out
		},
	})
}
