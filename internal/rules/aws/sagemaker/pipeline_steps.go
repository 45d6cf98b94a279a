package sagemaker

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/mlguard/mlguard/internal/rules/framework"

	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/pipeline"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/secrets"
)

var pipelineTypes = []string{"aws_sagemaker_pipeline", "AWS::SageMaker::Pipeline"}

const pipelineDefaults = "pipeline_definition / PipelineDefinitionBody: steps are read from the JSON; a definition in S3 " +
	"(pipeline_definition_s3_location) cannot be read offline and is not checked"

var pipelineRefs = []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/build-and-manage-steps.html",
	"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePipeline.html"}

// stepCheck judges one setting of a step: whether it is wrong, and how to say so.
type stepCheck struct {
	setting string
	bad     func(s pipeline.Step) (value, why string, ok bool)
}

// results runs the check on every step of every pipeline that carries the
// setting. Findings point at the definition and name the step.
func (c stepCheck) results(m *aws.Model) []rule.Result {
	var out []rule.Result
	for _, p := range m.Pipelines {
		for _, s := range p.Steps {
			if !s.Has(c.setting) {
				continue
			}
			if value, why, ok := c.bad(s); ok {
				out = append(out, rule.NewResult(p.Resource, p.Definition, "step:"+s.Path+":"+value,
					"%s: %s step %q %s", p.Address, s.Type, s.Path, why))
			}
		}
	}
	return out
}

// defaultFalse is a flag whose API default is false: bad when absent or
// written false.
func defaultFalse(v pipeline.Value, name string) (string, string, bool) {
	switch {
	case v.Absent():
		return "absent", fmt.Sprintf("does not set %s, which defaults to false", name), true
	case v.Is("false"):
		return "false", fmt.Sprintf("sets %s to false", name), true
	}
	return "", "", false
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-020", Slug: "pipeline-step-outside-vpc",
			Title:    "SageMaker pipeline step runs outside a VPC",
			Severity: rule.Medium, Category: rule.Network,
			Resources:  pipelineTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A training, processing, tuning or model step without VpcConfig runs on SageMaker's network with internet " +
				"access: the job's code (and every library it installs) can send training data anywhere, and no VPC endpoint " +
				"policy, security group or flow log sees it.",
			Remediation: "Give the step's arguments a VpcConfig (training, tuning, model) or NetworkConfig.VpcConfig (processing) " +
				"with private subnets and a security group, and reach AWS services through VPC endpoints.",
			Fixes: map[string]string{"terraform": `"VpcConfig": {
  "Subnets": ["subnet-0a1b2c3d"],
  "SecurityGroupIds": ["sg-0a1b2c3d"]
}`, "cloudformation": `"VpcConfig": {"Subnets": ["${PrivateSubnet}"], "SecurityGroupIds": ["${JobSecurityGroup}"]}`},
			Defaults:   []string{pipelineDefaults, "VpcConfig (NetworkConfig.VpcConfig for processing): absent -> the job runs outside your VPCs"},
			References: pipelineRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return stepCheck{pipeline.SetVPC, func(s pipeline.Step) (string, string, bool) {
				if s.VPC.Absent() {
					return "absent", "has no VpcConfig, so it runs outside your VPCs", true
				}
				return "", "", false
			}}.results(in.AWS)
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-021", Slug: "pipeline-step-network-isolation",
			Title:    "SageMaker pipeline step does not isolate its containers from the network",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  pipelineTypes,
			Frameworks: framework.NetworkBoundary("SageMaker.5"),
			Rationale: "Without network isolation the step's containers can open outbound connections, even inside a VPC: " +
				"a malicious dependency or a poisoned model can send training data or credentials out. With isolation, " +
				"SageMaker alone moves data in and out.",
			Remediation: "Set EnableNetworkIsolation to true (NetworkConfig.EnableNetworkIsolation for processing steps).",
			Fixes:       map[string]string{"terraform": `"EnableNetworkIsolation": true`, "cloudformation": `"EnableNetworkIsolation": true`},
			Defaults:    []string{pipelineDefaults, "EnableNetworkIsolation: false when absent"},
			References:  pipelineRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return stepCheck{pipeline.SetNetworkIsolation, func(s pipeline.Step) (string, string, bool) {
				return defaultFalse(s.NetworkIsolation, "EnableNetworkIsolation")
			}}.results(in.AWS)
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-022", Slug: "pipeline-step-inter-container-encryption",
			Title:    "Distributed SageMaker pipeline step does not encrypt traffic between its instances",
			Severity: rule.Medium, Category: rule.EncryptionInTransit,
			Resources:  pipelineTypes,
			Frameworks: framework.Transit(),
			Rationale: "A step on more than one instance exchanges gradients, parameters and data between them. Without " +
				"inter-container traffic encryption that traffic crosses the network in clear text.",
			Remediation: "Set EnableInterContainerTrafficEncryption to true (under NetworkConfig for processing steps).",
			Fixes: map[string]string{"terraform": `"EnableInterContainerTrafficEncryption": true`,
				"cloudformation": `"EnableInterContainerTrafficEncryption": true`},
			Defaults: []string{pipelineDefaults, "EnableInterContainerTrafficEncryption: false when absent",
				"Only steps known to run on more than one instance (InstanceCount, or instance groups, above 1) are checked"},
			References: pipelineRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return stepCheck{pipeline.SetInterContainer, func(s pipeline.Step) (string, string, bool) {
				if n, err := strconv.Atoi(s.InstanceCount.Text); !s.InstanceCount.Known || err != nil || n < 2 {
					return "", "", false
				}
				value, why, ok := defaultFalse(s.InterContainer, "EnableInterContainerTrafficEncryption")
				return value, fmt.Sprintf("runs on %s instances but %s", s.InstanceCount.Text, why), ok
			}}.results(in.AWS)
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-023", Slug: "pipeline-step-volume-customer-managed-key",
			Title:    "SageMaker pipeline step does not encrypt its instance volumes with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  pipelineTypes,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Training, processing and transform instances copy their input data and checkpoints to attached storage " +
				"volumes. Without a customer managed key those copies are protected by an AWS managed key you cannot restrict or revoke.",
			Remediation: "Set VolumeKmsKeyId (ResourceConfig for training and tuning, ProcessingResources.ClusterConfig for " +
				"processing, TransformResources for transform) to a customer managed key.",
			Fixes: map[string]string{"terraform": `"ResourceConfig": {
  "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50,
  "VolumeKmsKeyId": "${aws_kms_key.ml.arn}"
}`, "cloudformation": `"ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 50, "VolumeKmsKeyId": "${MlKey.Arn}"}`},
			Defaults: []string{pipelineDefaults, "VolumeKmsKeyId: absent -> an AWS managed key",
				"Instance types with local NVMe storage (which refuse a volume key) are not checked"},
			References: pipelineRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return stepCheck{pipeline.SetVolumeKMS, func(s pipeline.Step) (string, string, bool) {
				if s.InstanceType.Known && hasLocalStorage(s.InstanceType.Text) {
					return "", "", false
				}
				return stepKey(s.VolumeKMS, "VolumeKmsKeyId", "its instance volumes use an AWS managed key")
			}}.results(in.AWS)
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-024", Slug: "pipeline-step-output-customer-managed-key",
			Title:    "SageMaker pipeline step does not encrypt its output with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  pipelineTypes,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Step outputs are model artifacts, processed data sets and batch predictions. Without a KmsKeyId they take " +
				"the bucket's default encryption, so anyone with S3 read access to the prefix can read them.",
			Remediation: "Set KmsKeyId in OutputDataConfig (training, tuning), ProcessingOutputConfig (processing) or " +
				"TransformOutput (transform) to a customer managed key.",
			Fixes: map[string]string{"terraform": `"OutputDataConfig": {
  "S3OutputPath": "s3://${aws_s3_bucket.models.bucket}/training/",
  "KmsKeyId": "${aws_kms_key.ml.arn}"
}`, "cloudformation": `"OutputDataConfig": {"S3OutputPath": "s3://${ModelBucket}/training/", "KmsKeyId": "${MlKey.Arn}"}`},
			Defaults:   []string{pipelineDefaults, "KmsKeyId of the step's output: absent -> the bucket's default encryption"},
			References: pipelineRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return stepCheck{pipeline.SetOutputKMS, func(s pipeline.Step) (string, string, bool) {
				return stepKey(s.OutputKMS, "output KmsKeyId", "its output takes the bucket's default encryption")
			}}.results(in.AWS)
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-025", Slug: "pipeline-step-environment-secret",
			Title:    "SageMaker pipeline step environment holds a secret",
			Severity: rule.High, Category: rule.Secrets,
			Resources:  pipelineTypes,
			Frameworks: framework.Secrets(),
			Rationale: "A pipeline definition is stored in SageMaker and readable by anyone who can describe the pipeline or its " +
				"jobs; environment values show up in DescribeTrainingJob, DescribeProcessingJob and the console. A token written " +
				"there is shared with all of them and with the repository it came from.",
			Remediation: "Keep the secret in Secrets Manager, pass its ARN in the environment, and read it at run time with the " +
				"execution role.",
			Fixes: map[string]string{"terraform": `"Environment": {
  "HF_TOKEN_SECRET_ARN": "${aws_secretsmanager_secret.hf_token.arn}"
}`, "cloudformation": `"Environment": {"HF_TOKEN_SECRET_ARN": "${HubTokenSecret}"}`},
			Defaults:   []string{pipelineDefaults, "Environment: empty when absent"},
			References: pipelineRefs,
		},
		Check: func(in *rule.Input) []rule.Result { return pipelineSecrets(in.AWS) },
	})
}

// stepKey judges a step's KMS key argument; absent says what then happens.
func stepKey(v pipeline.Value, name, absent string) (string, string, bool) {
	switch {
	case v.Absent():
		return "absent", fmt.Sprintf("sets no %s, so %s", name, absent), true
	case v.Known && check.IsAWSManagedAlias(v.Text):
		return v.Text, fmt.Sprintf("sets %s to %s, an AWS managed key", name, v.Text), true
	}
	return "", "", false
}

func pipelineSecrets(m *aws.Model) []rule.Result {
	var out []rule.Result
	for _, p := range m.Pipelines {
		for _, s := range p.Steps {
			keys := make([]string, 0, len(s.Environment))
			for k := range s.Environment {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				v := s.Environment[k]
				if !v.Known {
					continue
				}
				if sec, ok := secrets.Value(k, v.Text); ok {
					out = append(out, rule.NewResult(p.Resource, p.Definition, "step:"+s.Path+":"+k+"="+sec.Redacted,
						"%s: %s step %q environment variable %s holds %s (%s)", p.Address, s.Type, s.Path, k, secrets.Article(sec.Kind), sec.Redacted))
				}
			}
		}
	}
	return out
}
