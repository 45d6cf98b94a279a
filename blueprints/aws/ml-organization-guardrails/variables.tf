variable "organization_id" {
  description = "The organization's ID (o-...): the central repository's policy requires it with aws:PrincipalOrgID."
  type        = string
  validation {
    condition     = can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "The organization_id must be the organization's ID, such as o-a1b2c3d4e5."
  }
}

variable "ml_ou_ids" {
  description = "The ML organizational units the guardrail SCPs are attached to (ou-...)."
  type        = list(string)
  validation {
    condition     = length(var.ml_ou_ids) > 0 && alltrue([for id in var.ml_ou_ids : can(regex("^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$", id))])
    error_message = "Give at least one organizational unit ID (ou-...): the SCPs must be attached somewhere."
  }
}

variable "allowed_regions" {
  description = "The AWS regions ML resources may be created in (at most 10: every region adds to each SCP's size)."
  type        = list(string)
  validation {
    condition     = length(var.allowed_regions) > 0 && length(var.allowed_regions) <= 10 && alltrue([for r in var.allowed_regions : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", r))])
    error_message = "Give 1 to 10 region names such as eu-west-1; a wildcard or an empty list would allow every region."
  }
}

variable "approved_kms_key_arns" {
  description = "ARNs (or ARN patterns with * for the region or key ID) of the customer managed keys that may encrypt ML volumes and outputs; at most 4, as each SCP repeats the list."
  type        = list(string)
  validation {
    condition     = length(var.approved_kms_key_arns) > 0 && length(var.approved_kms_key_arns) <= 4 && alltrue([for k in var.approved_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:([a-z0-9-]+|\\*):[0-9]{12}:key/([0-9a-f-]{36}|mrk-[0-9a-f]{32}|\\*)$", k))])
    error_message = "Give 1 to 4 customer managed key ARNs in named accounts (arn:aws:kms:REGION:ACCOUNT:key/ID); an alias names an AWS managed key, and a wildcard account would approve anyone's key."
  }
}

variable "member_account_ids" {
  description = "The member accounts that may pull from the central repository."
  type        = list(string)
  validation {
    condition     = length(var.member_account_ids) > 0 && alltrue([for a in var.member_account_ids : can(regex("^[0-9]{12}$", a))])
    error_message = "Give at least one 12-digit account ID; the repository is shared with these accounts only."
  }
}

variable "repository_name" {
  description = "Name of the central ECR repository for ML images."
  type        = string
  default     = "ml/base"
  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$", var.repository_name))
    error_message = "The repository_name must be a valid ECR repository name (lowercase letters, digits, . _ - and /)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
