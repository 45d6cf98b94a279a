# A SageMaker pipeline that runs with no public internet path: its jobs run
# in private subnets and reach AWS through VPC endpoints. The one optional
# internet path is a NAT gateway for package downloads, off by default.

locals {
  interface_services = toset(["ecr.api", "ecr.dkr", "sagemaker.api", "sagemaker.runtime", "sts", "logs", "secretsmanager"])
  bucket             = split(":::", var.data_bucket_arn)[1]
  work               = "s3://${local.bucket}/${var.data_prefixes[0]}${var.name}"
  network = {
    Subnets          = var.subnet_ids
    SecurityGroupIds = [aws_security_group.jobs.id]
  }
}

resource "terraform_data" "nat_needs_public_subnet" {
  lifecycle {
    precondition {
      condition     = !var.enable_nat_gateway || var.public_subnet_id != null
      error_message = "enable_nat_gateway needs public_subnet_id: the NAT gateway lives in a public subnet."
    }
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

# The jobs' role: read the secret, pull the image, read and write the data
# prefixes (policy.tf, generated from mlguard iam scope).
resource "aws_iam_role" "job" {
  name               = "${var.name}-job"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "job" {
  name   = "run-jobs"
  role   = aws_iam_role.job.id
  policy = data.aws_iam_policy_document.job.json
}

# The pipeline's role: start the steps' jobs and pass them the jobs' role.
resource "aws_iam_role" "pipeline" {
  name               = "${var.name}-pipeline"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "run-pipeline"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

# The feature database's credentials. Terraform creates the secret, not its
# value: put the value in with the console or the CLI, so that it never
# lands in the Terraform state.
resource "aws_secretsmanager_secret" "feature_db" {
  name                    = "${var.name}/feature-db"
  description             = "Credentials of the feature database the ${var.name} pipeline reads"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 30
  tags                    = var.tags
}

# The jobs accept connections only from each other (distributed training)
# and reach the VPC endpoints, S3 and the feature database.
resource "aws_security_group" "jobs" {
  name        = "${var.name}-jobs"
  description = "SageMaker pipeline ${var.name} jobs"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "jobs_self" {
  security_group_id            = aws_security_group.jobs.id
  description                  = "Between the instances of a distributed job"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.jobs.id
}

resource "aws_vpc_security_group_egress_rule" "jobs_self" {
  security_group_id            = aws_security_group.jobs.id
  description                  = "Between the instances of a distributed job"
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.jobs.id
}

resource "aws_vpc_security_group_egress_rule" "jobs_endpoints" {
  security_group_id            = aws_security_group.jobs.id
  description                  = "HTTPS to the interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints.id
}

resource "aws_vpc_security_group_egress_rule" "jobs_s3" {
  security_group_id = aws_security_group.jobs.id
  description       = "HTTPS to S3 through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

resource "aws_vpc_security_group_egress_rule" "jobs_feature_db" {
  security_group_id = aws_security_group.jobs.id
  description       = "The feature database"
  ip_protocol       = "tcp"
  from_port         = var.feature_db_port
  to_port           = var.feature_db_port
  cidr_ipv4         = var.feature_db_cidr
}

resource "aws_vpc_security_group_egress_rule" "jobs_downloads" {
  count             = var.enable_nat_gateway ? 1 : 0
  security_group_id = aws_security_group.jobs.id
  description       = "HTTPS package downloads through the NAT gateway"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name}-endpoints"
  description = "Interface endpoints of the ${var.name} pipeline: its jobs only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_jobs" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the pipeline's jobs"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.jobs.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  tags              = var.tags
}

resource "aws_vpc_endpoint" "interface" {
  for_each            = local.interface_services
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = true
  tags                = var.tags
}

resource "aws_eip" "nat" {
  count  = var.enable_nat_gateway ? 1 : 0
  domain = "vpc"
  tags   = var.tags
}

resource "aws_nat_gateway" "downloads" {
  count         = var.enable_nat_gateway ? 1 : 0
  allocation_id = aws_eip.nat[0].id
  subnet_id     = var.public_subnet_id
  tags          = var.tags
}

resource "aws_route" "downloads" {
  for_each               = var.enable_nat_gateway ? toset(var.route_table_ids) : toset([])
  route_table_id         = each.value
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.downloads[0].id
}

resource "aws_sagemaker_pipeline" "pipeline" {
  pipeline_name         = var.name
  pipeline_display_name = var.name
  role_arn              = aws_iam_role.pipeline.arn
  tags                  = var.tags

  pipeline_definition = jsonencode({
    Version = "2020-12-01"
    Steps = [
      {
        Name = "ExtractFeatures"
        Type = "Processing"
        Arguments = {
          RoleArn = aws_iam_role.job.arn
          AppSpecification = {
            ImageUri            = var.image
            ContainerEntrypoint = ["python3", "/opt/program/extract.py"]
          }
          Environment = { FEATURE_DB_SECRET_ARN = aws_secretsmanager_secret.feature_db.arn }
          ProcessingResources = {
            ClusterConfig = {
              InstanceType   = var.processing_instance_type
              InstanceCount  = 1
              VolumeSizeInGB = 30
              VolumeKmsKeyId = var.kms_key_arn
            }
          }
          ProcessingOutputConfig = {
            KmsKeyId = var.kms_key_arn
            Outputs = [{
              OutputName = "features"
              S3Output   = { S3Uri = "${local.work}/features", LocalPath = "/opt/ml/processing/features", S3UploadMode = "EndOfJob" }
            }]
          }
          NetworkConfig = {
            # Isolated unless the step must reach the feature database.
            EnableNetworkIsolation                = !var.extract_reads_database
            EnableInterContainerTrafficEncryption = true
            VpcConfig                             = local.network
          }
          StoppingCondition = { MaxRuntimeInSeconds = 3600 }
        }
      },
      {
        Name = "Train"
        Type = "Training"
        Arguments = {
          RoleArn                = aws_iam_role.job.arn
          AlgorithmSpecification = { TrainingImage = var.image, TrainingInputMode = "File" }
          InputDataConfig = [{
            ChannelName = "train"
            DataSource = { S3DataSource = {
              S3DataType = "S3Prefix"
              S3Uri      = { Get = "Steps.ExtractFeatures.ProcessingOutputConfig.Outputs['features'].S3Output.S3Uri" }
            } }
          }]
          OutputDataConfig = { S3OutputPath = "${local.work}/models", KmsKeyId = var.kms_key_arn }
          ResourceConfig = {
            InstanceType   = var.training_instance_type
            InstanceCount  = var.training_instance_count
            VolumeSizeInGB = 50
            VolumeKmsKeyId = var.kms_key_arn
          }
          VpcConfig                             = local.network
          EnableNetworkIsolation                = true
          EnableInterContainerTrafficEncryption = true
          StoppingCondition                     = { MaxRuntimeInSeconds = 86400 }
        }
      },
    ]
  })
}
