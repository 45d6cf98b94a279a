# HyperPod has no hashicorp/aws resource; awscc's is the CloudFormation type.
resource "awscc_sagemaker_cluster" "train" { # expect
  cluster_name = "llm-train"
  instance_groups = [{
    instance_group_name = "workers"
    instance_type       = "ml.p5.48xlarge"
    instance_count      = 16
    execution_role      = "arn:aws:iam::111122223333:role/hyperpod-exec"
    life_cycle_config = {
      source_s3_uri = "s3://ml-lifecycle-111122223333/hyperpod/"
      on_create     = "on_create.sh"
    }
  }]
}
