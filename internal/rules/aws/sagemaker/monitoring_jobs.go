package sagemaker

import (
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/aws/check"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

var monitoringTypes = []string{"aws_sagemaker_data_quality_job_definition", "AWS::SageMaker::DataQualityJobDefinition",
	"AWS::SageMaker::ModelQualityJobDefinition", "AWS::SageMaker::ModelBiasJobDefinition",
	"AWS::SageMaker::ModelExplainabilityJobDefinition", "AWS::SageMaker::MonitoringSchedule"}

var monitoringRefs = []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html",
	"https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringNetworkConfig.html"}

// eachMonitoringJob collects what check says of every monitoring job.
func eachMonitoringJob(m *aws.Model, check func(j *aws.MonitoringJob) []rule.Result) []rule.Result {
	var out []rule.Result
	for _, j := range m.MonitoringJobs {
		out = append(out, check(j)...)
	}
	return out
}

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-026", Slug: "monitoring-job-outside-vpc",
			Title:    "SageMaker model monitoring job runs outside a VPC",
			Severity: rule.Low, Category: rule.Network,
			Resources:  monitoringTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "Monitoring jobs read captured endpoint traffic (real requests and predictions) and ground truth. Outside " +
				"a VPC they run with internet access, and nothing you control sees where that data goes.",
			Remediation: "Set network_config.vpc_config (NetworkConfig.VpcConfig) to private subnets and a security group.",
			Fixes: map[string]string{"terraform": `network_config {
  enable_network_isolation = true
  vpc_config {
    subnets            = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.jobs.id]
  }
}`, "cloudformation": `NetworkConfig:
  EnableNetworkIsolation: true
  VpcConfig:
    Subnets: [!Ref PrivateSubnet]
    SecurityGroupIds: [!Ref JobSecurityGroup]`},
			Defaults:   []string{"network_config.vpc_config: absent -> the job runs outside your VPCs"},
			References: monitoringRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return eachMonitoringJob(in.AWS, func(j *aws.MonitoringJob) []rule.Result {
				if j.InVPC.IsFalse() {
					return []rule.Result{rule.NewResult(j.Resource, check.At(j.InVPC.Meta, j.Network), "no-vpc", "%s has no VPC config, so the job runs outside your VPCs", j.Address)}
				}
				return nil
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-027", Slug: "monitoring-job-network-isolation",
			Title:    "SageMaker model monitoring job does not isolate its container from the network",
			Severity: rule.Medium, Category: rule.Isolation,
			Resources:  monitoringTypes,
			Frameworks: framework.NetworkBoundary(),
			Rationale: "A monitoring container without network isolation can open outbound connections and send the captured " +
				"inference data it analyses anywhere; custom monitoring images and preprocessing scripts make that a real path.",
			Remediation: "Set network_config.enable_network_isolation (NetworkConfig.EnableNetworkIsolation) to true.",
			Fixes: map[string]string{"terraform": `network_config {
  enable_network_isolation = true
}`, "cloudformation": `NetworkConfig:
  EnableNetworkIsolation: true`},
			Defaults:   []string{"network_config.enable_network_isolation: false when absent"},
			References: monitoringRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return eachMonitoringJob(in.AWS, func(j *aws.MonitoringJob) []rule.Result {
				if v := j.NetworkIsolation; v.IsFalse() {
					return []rule.Result{rule.NewResult(j.Resource, check.At(v.Meta, j.Network), "false", "%s does not enable network isolation (enable_network_isolation = false%s)", j.Address, rule.DefaultNote(v.Explicit))}
				}
				return nil
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-028", Slug: "monitoring-job-inter-container-encryption",
			Title:    "Distributed SageMaker model monitoring job does not encrypt traffic between its instances",
			Severity: rule.Low, Category: rule.EncryptionInTransit,
			Resources:  monitoringTypes,
			Frameworks: framework.Transit(),
			Rationale: "A monitoring job on several instances exchanges captured inference data between them; without " +
				"inter-container traffic encryption it crosses the network in clear text.",
			Remediation: "Set network_config.enable_inter_container_traffic_encryption to true.",
			Fixes: map[string]string{"terraform": `network_config {
  enable_inter_container_traffic_encryption = true
}`, "cloudformation": `NetworkConfig:
  EnableInterContainerTrafficEncryption: true`},
			Defaults: []string{"network_config.enable_inter_container_traffic_encryption: false when absent",
				"Only jobs known to run on more than one instance (job_resources.cluster_config.instance_count above 1) are checked"},
			References: monitoringRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return eachMonitoringJob(in.AWS, func(j *aws.MonitoringJob) []rule.Result {
				if v := j.InterContainer; j.InstanceCount.Known() && j.InstanceCount.Value > 1 && v.IsFalse() {
					return []rule.Result{rule.NewResult(j.Resource, check.At(v.Meta, j.Network), "false", "%s runs on %d instances without inter-container traffic encryption (false%s)",
						j.Address, j.InstanceCount.Value, rule.DefaultNote(v.Explicit))}
				}
				return nil
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-029", Slug: "monitoring-job-volume-customer-managed-key",
			Title:    "SageMaker model monitoring job does not encrypt its instance volumes with a customer managed KMS key",
			Severity: rule.Low, Category: rule.EncryptionAtRest,
			Resources:  monitoringTypes,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Monitoring instances copy captured requests and predictions to their volumes while they analyse them. " +
				"A customer managed key keeps those copies under your key policy.",
			Remediation: "Set job_resources.cluster_config.volume_kms_key_id (ClusterConfig.VolumeKmsKeyId) to a customer managed key.",
			Fixes: map[string]string{"terraform": `job_resources {
  cluster_config {
    instance_count    = 1
    instance_type     = "ml.m5.large"
    volume_size_in_gb = 20
    volume_kms_key_id = aws_kms_key.ml.arn
  }
}`, "cloudformation": `JobResources:
  ClusterConfig:
    InstanceCount: 1
    InstanceType: ml.m5.large
    VolumeSizeInGB: 20
    VolumeKmsKeyId: !GetAtt MlKey.Arn`},
			Defaults: []string{"job_resources.cluster_config.volume_kms_key_id: absent -> an AWS managed key",
				"Instance types with local NVMe storage (which refuse a volume key) are not checked"},
			References: monitoringRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return eachMonitoringJob(in.AWS, func(j *aws.MonitoringJob) []rule.Result {
				if j.InstanceType.Known() && hasLocalStorage(j.InstanceType.Value) {
					return nil
				}
				return check.KeyResult(j.Resource, j.VolumeKMS, j.Cluster, "instance volumes: ")
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-SAGEMAKER-030", Slug: "monitoring-job-output-customer-managed-key",
			Title:    "SageMaker model monitoring job output is not encrypted with a customer managed KMS key",
			Severity: rule.Medium, Category: rule.EncryptionAtRest,
			Resources:  monitoringTypes,
			Frameworks: framework.EncryptionAtRest(),
			Rationale: "Monitoring reports hold statistics, violations and, for bias and explainability, per-feature analyses of " +
				"real inference data. Without a KMS key they take the bucket's default encryption and any S3 reader can read them.",
			Remediation: "Set the output config's kms_key_id (KmsKeyId) to a customer managed key.",
			Fixes: map[string]string{"terraform": `data_quality_job_output_config {
  kms_key_id = aws_kms_key.ml.arn
  monitoring_outputs {
    s3_output {
      s3_uri = "s3://${aws_s3_bucket.monitoring.bucket}/reports"
    }
  }
}`, "cloudformation": `DataQualityJobOutputConfig:
  KmsKeyId: !GetAtt MlKey.Arn
  MonitoringOutputs:
    - S3Output:
        S3Uri: !Sub "s3://${MonitoringBucket}/reports"
        LocalPath: /opt/ml/processing/output`},
			Defaults:   []string{"data_quality_job_output_config.kms_key_id: absent -> the bucket's default encryption"},
			References: monitoringRefs,
		},
		Check: func(in *rule.Input) []rule.Result {
			return eachMonitoringJob(in.AWS, func(j *aws.MonitoringJob) []rule.Result {
				return check.KeyResult(j.Resource, j.OutputKMS, j.Output, "reports: ")
			})
		},
	})
}
