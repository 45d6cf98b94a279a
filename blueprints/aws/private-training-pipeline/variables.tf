variable "name" {
  description = "Name of the pipeline; also names its roles, secret and security groups."
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
  description = "The region of the VPC endpoints (com.amazonaws.REGION.SERVICE)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must be an AWS region name such as eu-west-1."
  }
}
variable "vpc_id" {
  description = "The VPC the pipeline's jobs run in."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "The vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}
variable "subnet_ids" {
  description = "Private subnets (no route to an internet gateway) for the jobs and the interface endpoints."
  type        = list(string)
  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "Give at least one private subnet ID (subnet-...): the jobs always run in the VPC."
  }
}
variable "route_table_ids" {
  description = "Route tables of the private subnets: the S3 gateway endpoint is added to them (and the NAT route, when enable_nat_gateway is on)."
  type        = list(string)
  validation {
    condition     = length(var.route_table_ids) > 0 && alltrue([for id in var.route_table_ids : can(regex("^rtb-[0-9a-f]{8,17}$", id))])
    error_message = "Give the route table IDs (rtb-...) of the private subnets."
  }
}
variable "image" {
  description = "The processing and training image, from the private ECR repository (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO@sha256:... or :tag)."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/", var.image))
    error_message = "The image must come from a private ECR repository (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO)."
  }
}
variable "ecr_repository_arn" {
  description = "ARN of the private ECR repository of the image: the only one the jobs may pull from."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$", var.ecr_repository_arn))
    error_message = "The ecr_repository_arn must be one repository's ARN, without wildcards."
  }
}
variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key for the jobs' volumes and outputs, the data and the secret."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/([0-9a-f-]{36}|mrk-[0-9a-f]{32})$", var.kms_key_arn))
    error_message = "The kms_key_arn must be the ARN of a customer managed key (arn:aws:kms:REGION:ACCOUNT:key/ID). An alias such as alias/aws/sagemaker names an AWS managed key, whose policy you cannot restrict."
  }
}

variable "data_bucket_arn" {
  description = "ARN of the bucket the pipeline reads and writes (arn:aws:s3:::NAME)."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.data_bucket_arn))
    error_message = "The data_bucket_arn must be a bucket ARN, arn:aws:s3:::NAME, without a key or wildcard."
  }
}

variable "data_prefixes" {
  description = "Key prefixes the jobs may read and write, each ending in a slash; the pipeline writes its features and models under the first."
  type        = list(string)
  validation {
    condition     = length(var.data_prefixes) > 0 && alltrue([for p in var.data_prefixes : can(regex("^[^/*?][^*?]*/$", p))])
    error_message = "Give at least one key prefix, each ending in / with no leading slash and no wildcard: the jobs read and write only under them."
  }
}

variable "feature_db_cidr" {
  description = "CIDR of the feature database the extract step reads, with its credentials from the secret."
  type        = string
  validation {
    condition     = can(cidrhost(var.feature_db_cidr, 0)) && try(tonumber(split("/", var.feature_db_cidr)[1]) >= 16, false)
    error_message = "The feature_db_cidr must be the database subnet's CIDR, /16 or narrower; 0.0.0.0/0 would open the jobs to the internet."
  }
}

variable "feature_db_port" {
  description = "Port of the feature database."
  type        = number
  default     = 5432
}

variable "extract_reads_database" {
  description = "Run the extract step without network isolation, so that its container can read the secret and query the feature database (through the VPC only). mlguard reports AWS-SAGEMAKER-021 for that step; suppress it with your reason when you turn this on."
  type        = bool
  default     = false
}

variable "enable_nat_gateway" {
  description = "Add a NAT gateway for package downloads: the one internet path of the jobs that are not network isolated (the extract step). Off by default."
  type        = bool
  default     = false
}

variable "public_subnet_id" {
  description = "Public subnet for the NAT gateway; required when enable_nat_gateway is on."
  type        = string
  default     = null
  validation {
    condition     = var.public_subnet_id == null || can(regex("^subnet-[0-9a-f]{8,17}$", var.public_subnet_id))
    error_message = "The public_subnet_id must be a subnet ID such as subnet-0123456789abcdef0."
  }
}

variable "processing_instance_type" {
  description = "Instance type of the extract step."
  type        = string
  default     = "ml.m5.xlarge"
}

variable "training_instance_type" {
  description = "Instance type of the training step."
  type        = string
  default     = "ml.m5.2xlarge"
}

variable "training_instance_count" {
  description = "Instances of the training step; traffic between them is encrypted."
  type        = number
  default     = 2
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
