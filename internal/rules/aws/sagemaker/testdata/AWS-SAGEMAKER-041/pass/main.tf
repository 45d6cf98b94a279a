resource "awscc_sagemaker_cluster" "train" {
  cluster_name = "llm-train"
  vpc_config = {
    subnets            = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
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

# Every group in subnets of its own.
resource "awscc_sagemaker_cluster" "multi_az" {
  cluster_name = "llm-multi-az"
  instance_groups = [{
    instance_group_name = "workers-a"
    instance_type       = "ml.p5.48xlarge"
    instance_count      = 8
    execution_role      = "arn:aws:iam::111122223333:role/hyperpod-exec"
    life_cycle_config = {
      source_s3_uri = "s3://ml-lifecycle-111122223333/hyperpod/"
      on_create     = "on_create.sh"
    }
    override_vpc_config = {
      subnets            = ["subnet-0123456789abcdef1"]
      security_group_ids = ["sg-0123456789abcdef0"]
    }
  }]
}

variable "override_vpc" {
  type = object({ subnets = list(string), security_group_ids = list(string) })
}

# The group's own VPC comes from a variable: not known, not judged.
resource "awscc_sagemaker_cluster" "variable" {
  cluster_name = "llm-variable"
  instance_groups = [{
    instance_group_name = "workers"
    instance_type       = "ml.p5.48xlarge"
    instance_count      = 8
    execution_role      = "arn:aws:iam::111122223333:role/hyperpod-exec"
    life_cycle_config = {
      source_s3_uri = "s3://ml-lifecycle-111122223333/hyperpod/"
      on_create     = "on_create.sh"
    }
    override_vpc_config = var.override_vpc
  }]
}
