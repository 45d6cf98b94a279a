# A real-time SageMaker endpoint that only one internal application can
# call. Network isolation, the VPC placement and the customer managed keys
# are not inputs.

locals {
  endpoint_arn = "arn:aws:sagemaker:${var.region}:${var.account_id}:endpoint/${lower(var.name)}"
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

resource "aws_iam_role" "model" {
  name               = "${var.name}-model"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

# The policy is generated from `mlguard iam scope` (policy.tf).
resource "aws_iam_role_policy" "model" {
  name   = "serve-model"
  role   = aws_iam_role.model.id
  policy = data.aws_iam_policy_document.execution.json
}

# The model containers accept no connections and reach only S3, through the
# gateway endpoint.
resource "aws_security_group" "model" {
  name        = "${var.name}-model"
  description = "SageMaker model ${var.name}: no ingress, HTTPS to S3 only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "model_s3" {
  security_group_id = aws_security_group.model.id
  description       = "HTTPS to S3 through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

# The runtime interface endpoint admits the application subnet only.
resource "aws_security_group" "runtime" {
  name        = "${var.name}-runtime-endpoint"
  description = "SageMaker runtime endpoint for ${var.name}: the application subnet only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "app" {
  security_group_id = aws_security_group.runtime.id
  description       = "The application subnet calls the SageMaker runtime"
  ip_protocol       = "tcp"
  from_port         = var.serving_port
  to_port           = var.serving_port
  cidr_ipv4         = var.app_cidr
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids
  tags              = var.tags
}

data "aws_iam_policy_document" "runtime_endpoint" {
  statement {
    sid       = "InvokeThisEndpointOnly"
    actions   = ["sagemaker:InvokeEndpoint"]
    resources = [local.endpoint_arn]
    principals {
      type        = "AWS"
      identifiers = [var.caller_role_arn]
    }
  }
}

resource "aws_vpc_endpoint" "runtime" {
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${var.region}.sagemaker.runtime"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.runtime.id]
  private_dns_enabled = true
  policy              = data.aws_iam_policy_document.runtime_endpoint.json
  tags                = var.tags
}

resource "aws_sagemaker_model" "model" {
  name                     = var.name
  execution_role_arn       = aws_iam_role.model.arn
  enable_network_isolation = true
  tags                     = var.tags

  primary_container {
    image          = var.image
    model_data_url = "s3://${split(":::", var.model_bucket_arn)[1]}/${var.model_prefix}${var.model_artifact}"
  }

  vpc_config {
    subnets            = var.subnet_ids
    security_group_ids = [aws_security_group.model.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "endpoint" {
  name        = var.name
  kms_key_arn = var.kms_key_arn
  tags        = var.tags

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.model.name
    instance_type          = var.instance_type
    initial_instance_count = var.instance_count
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = var.capture_percentage
    destination_s3_uri          = "s3://${split(":::", var.model_bucket_arn)[1]}/${var.capture_prefix}"
    kms_key_id                  = var.kms_key_arn

    capture_options {
      capture_mode = "Input"
    }
    capture_options {
      capture_mode = "Output"
    }
  }
}

resource "aws_sagemaker_endpoint" "endpoint" {
  name                 = var.name
  endpoint_config_name = aws_sagemaker_endpoint_configuration.endpoint.name
  tags                 = var.tags
}
