variable "name" {
  description = "Name of the notebook instance; also names its role, security group and lifecycle configuration."
  type        = string
  validation {
    condition     = can(regex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,50}$", var.name))
    error_message = "The name must be 1 to 51 letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "account_id" {
  description = "The AWS account the notebook runs in: the role trusts SageMaker only on this account's behalf."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account_id must be the 12-digit AWS account ID."
  }
}

variable "vpc_id" {
  description = "The VPC of the notebook's subnet."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "The vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}

variable "subnet_id" {
  description = "A private subnet (no route to an internet gateway) the notebook's network interface is placed in."
  type        = string
  validation {
    condition     = can(regex("^subnet-[0-9a-f]{8,17}$", var.subnet_id))
    error_message = "The subnet_id must be a subnet ID such as subnet-0123456789abcdef0: the notebook always runs in a subnet."
  }
}

variable "endpoint_security_group_ids" {
  description = "Security groups of the VPC's interface endpoints (SageMaker API and runtime, STS, CloudWatch Logs...): the only places the notebook may open HTTPS connections to, besides S3 through its gateway endpoint."
  type        = list(string)
  validation {
    condition     = length(var.endpoint_security_group_ids) > 0 && alltrue([for id in var.endpoint_security_group_ids : can(regex("^sg-[0-9a-f]{8,17}$", id))])
    error_message = "Give at least one security group ID (sg-...) of the VPC's interface endpoints: without them the notebook could reach nothing."
  }
}

variable "s3_prefix_list_id" {
  description = "The prefix list of the VPC's S3 gateway endpoint (pl-...), which the notebook may reach on HTTPS to read its data."
  type        = string
  validation {
    condition     = can(regex("^pl-[0-9a-f]{8,17}$", var.s3_prefix_list_id))
    error_message = "The s3_prefix_list_id must be the S3 gateway endpoint's prefix list ID, such as pl-6ea54007."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the notebook's volume and the data it reads."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-f-]{36}$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/mrk-[0-9a-f]{32}$", var.kms_key_arn))
    error_message = "The kms_key_arn must be the ARN of a customer managed key (arn:aws:kms:REGION:ACCOUNT:key/ID). An alias such as alias/aws/sagemaker names an AWS managed key, whose policy you cannot restrict."
  }
}

variable "data_bucket_arn" {
  description = "ARN of the one bucket the notebook reads (arn:aws:s3:::NAME)."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.data_bucket_arn))
    error_message = "The data_bucket_arn must be a bucket ARN, arn:aws:s3:::NAME, without a key or wildcard."
  }
}

variable "data_prefixes" {
  description = "Key prefixes of the bucket the notebook may list and read, each ending in a slash (features/)."
  type        = list(string)
  validation {
    condition     = length(var.data_prefixes) > 0 && alltrue([for p in var.data_prefixes : can(regex("^[^/*?][^*?]*/$", p))])
    error_message = "Give at least one key prefix, each ending in / with no leading slash and no wildcard: the notebook reads only under them."
  }
}

variable "instance_type" {
  description = "The notebook instance type."
  type        = string
  default     = "ml.t3.medium"
}

variable "volume_size" {
  description = "Size of the notebook's volume in GB."
  type        = number
  default     = 20
}

variable "platform_identifier" {
  description = "The notebook platform (Amazon Linux 2 and JupyterLab version)."
  type        = string
  default     = "notebook-al2-v3"
}

variable "lifecycle_on_create" {
  description = "Optional lifecycle script run once when the notebook is created (plain text; the module encodes it). Never put secrets here: read them from Secrets Manager in the script."
  type        = string
  default     = null
}

variable "lifecycle_on_start" {
  description = "Optional lifecycle script run each time the notebook starts (plain text)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
