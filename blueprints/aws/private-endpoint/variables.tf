variable "name" {
  description = "Name of the endpoint; also names its model, configuration, role and security groups."
  type        = string
  validation {
    condition     = can(regex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,50}$", var.name))
    error_message = "The name must be 1 to 51 letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "account_id" {
  description = "The AWS account the endpoint runs in: the role trusts SageMaker only on this account's behalf."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account_id must be the 12-digit AWS account ID."
  }
}

variable "region" {
  description = "The region of the VPC endpoints (com.amazonaws.REGION.sagemaker.runtime)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must be an AWS region name such as eu-west-1."
  }
}

variable "vpc_id" {
  description = "The VPC the model and the calling application run in."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "The vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}

variable "subnet_ids" {
  description = "Private subnets (no route to an internet gateway) for the model containers and the runtime interface endpoint."
  type        = list(string)
  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "Give at least one private subnet ID (subnet-...): the model always runs in the VPC."
  }
}

variable "route_table_ids" {
  description = "Route tables of the private subnets, which the S3 gateway endpoint is added to so the model download stays on the AWS network."
  type        = list(string)
  validation {
    condition     = length(var.route_table_ids) > 0 && alltrue([for id in var.route_table_ids : can(regex("^rtb-[0-9a-f]{8,17}$", id))])
    error_message = "Give the route table IDs (rtb-...) of the private subnets."
  }
}

variable "app_cidr" {
  description = "CIDR of the one application subnet allowed to call the endpoint."
  type        = string
  validation {
    condition     = can(cidrhost(var.app_cidr, 0)) && try(tonumber(split("/", var.app_cidr)[1]) >= 16, false)
    error_message = "The app_cidr must be the application subnet's CIDR, /16 or narrower; 0.0.0.0/0 or any wide range would let every caller in."
  }
}

variable "serving_port" {
  description = "Port the application calls the SageMaker runtime on, through the interface endpoint."
  type        = number
  default     = 443
}

variable "caller_role_arn" {
  description = "ARN of the application's IAM role: the only principal the runtime endpoint policy lets invoke the endpoint."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.caller_role_arn))
    error_message = "The caller_role_arn must be one role's ARN (arn:aws:iam::ACCOUNT:role/NAME), without wildcards."
  }
}

variable "image" {
  description = "The serving image, from the private ECR repository (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO@sha256:... or :tag)."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/", var.image))
    error_message = "The image must come from a private ECR repository (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO)."
  }
}

variable "ecr_repository_arn" {
  description = "ARN of the ECR repository of the image."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$", var.ecr_repository_arn))
    error_message = "The ecr_repository_arn must be one repository's ARN, without wildcards."
  }
}

variable "model_bucket_arn" {
  description = "ARN of the bucket holding the model artifact and receiving data capture."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.model_bucket_arn))
    error_message = "The model_bucket_arn must be a bucket ARN, arn:aws:s3:::NAME, without a key or wildcard."
  }
}

variable "model_prefix" {
  description = "Key prefix of the model artifact, ending in a slash (models/churn/): the role reads only under it."
  type        = string
  validation {
    condition     = can(regex("^[^/*?][^*?]*/$", var.model_prefix))
    error_message = "The model_prefix must end in / with no leading slash and no wildcard."
  }
}

variable "model_artifact" {
  description = "Name of the model artifact under model_prefix."
  type        = string
  default     = "model.tar.gz"
}

variable "capture_prefix" {
  description = "Key prefix data capture writes to, ending in a slash (capture/churn/)."
  type        = string
  validation {
    condition     = can(regex("^[^/*?][^*?]*/$", var.capture_prefix))
    error_message = "The capture_prefix must end in / with no leading slash and no wildcard."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key for the endpoint's volumes, its data capture and the model artifact."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/([0-9a-f-]{36}|mrk-[0-9a-f]{32})$", var.kms_key_arn))
    error_message = "The kms_key_arn must be the ARN of a customer managed key (arn:aws:kms:REGION:ACCOUNT:key/ID). An alias such as alias/aws/sagemaker names an AWS managed key, whose policy you cannot restrict."
  }
}

variable "instance_type" {
  description = "Instance type of the production variant."
  type        = string
  default     = "ml.m5.large"
}

variable "instance_count" {
  description = "Number of instances of the production variant."
  type        = number
  default     = 2
}

variable "capture_percentage" {
  description = "Percentage of requests data capture keeps."
  type        = number
  default     = 10
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
