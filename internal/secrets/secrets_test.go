package secrets

import (
	"fmt"
	"testing"
)

func TestValue(t *testing.T) {
	tests := []struct {
		key, value string
		kind       string // "" for no match
	}{
		{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS access key ID"},
		{"ANYTHING", "prefix AKIAIOSFODNN7EXAMPLE suffix", "AWS access key ID"},
		{"HF_TOKEN", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH", "Hugging Face token"},
		{"OPENAI_API_KEY", "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "OpenAI or Anthropic API key"},
		{"GH", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub token"},
		{"KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIE", "private key"},
		{"DB_PASSWORD", "hunter2hunter2", "password"},
		{"api_key", "3f2a9c1b7d", "key"},
		{"MLFLOW_TRACKING_TOKEN", "abcdef123456", "token"},
		{"DB_PASSWORD", "{{resolve:secretsmanager:db:SecretString:password}}", ""},
		{"DB_PASSWORD_ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db", ""},
		{"SECRET_NAME", "prod/db", ""},
		{"TOKEN_URL", "https://example.com/token", ""},
		{"API_KEY", "${var.api_key}", ""},
		{"PASSWORD", "(known after apply)", ""},
		{"PASSWORD", "short", ""},
		{"AUTH_ENABLED", "true", ""},
		{"MODEL_NAME", "churn-xgboost-v3", ""},
		{"SAGEMAKER_PROGRAM", "train.py", ""},
		{"KMS_KEY_ID", "1234abcd-12ab-34cd-56ef-1234567890ab", ""},
		{"TOKENIZERS_PARALLELISM", "false-ish", ""},
		{"MAX_TOTAL_TOKENS", "32768000", ""},
		{"MAX_INPUT_TOKEN_LENGTH", "4096000", ""},
		{"HF_HUB_TOKEN", "abcdef123456", "token"},
	}
	for _, tt := range tests {
		m, ok := Value(tt.key, tt.value)
		if ok != (tt.kind != "") || m.Kind != tt.kind {
			t.Errorf("Value(%q, %q) = %+v, %v; want kind %q", tt.key, tt.value, m, ok, tt.kind)
		}
		if ok && (len(m.Redacted) > 16 || m.Redacted == tt.value) {
			t.Errorf("Value(%q, %q): redacted %q shows too much", tt.key, tt.value, m.Redacted)
		}
	}
}

func TestText(t *testing.T) {
	script := `#!/bin/bash
set -e
export WANDB_PROJECT=churn
export HF_TOKEN="hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"
DB_PASSWORD='s3cr3t-pa55'
aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
echo AKIAIOSFODNN7EXAMPLE > /tmp/key
TOKEN=$(aws secretsmanager get-secret-value --secret-id x)
`
	got := map[string]bool{}
	for _, m := range Text(script) {
		got[m.Kind+"/"+m.Key] = true
	}
	want := []string{"Hugging Face token/HF_TOKEN", "password/DB_PASSWORD", "key/aws_secret_access_key", "AWS access key ID/"}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing %s in %v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("found %v, want exactly %v", got, want)
	}
}

func TestArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []int // the arguments flagged
	}{
		{[]string{"vllm", "serve", "--api-key", "s3cr3tvalue99"}, []int{3}},
		{[]string{"--api-key=s3cr3tvalue99"}, []int{0}},
		{[]string{"--api-key", "$(API_KEY)"}, nil},
		{[]string{"--hf-token-file", "/var/run/token"}, nil},
		{[]string{"--port", "8080", "--model", "meta-llama/Llama-3-8B"}, nil},
		{[]string{"sh", "-c", "export HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH; serve"}, []int{2}},
		{[]string{"--token"}, nil},
	} {
		var got []int
		for _, m := range Args(tc.args) {
			got = append(got, m.Arg)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Args(%q) flagged %v, want %v", tc.args, got, tc.want)
		}
	}
}
