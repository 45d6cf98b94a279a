variable "name" {
  description = "Name of the Workbench instance; also names its service account."
  type        = string
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,27}[a-z0-9])$", var.name))
    error_message = "The name must be 2 to 29 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "project" {
  description = "The project the instance runs in."
  type        = string
}

variable "zone" {
  description = "The zone of the instance (us-central1-a)."
  type        = string
}

variable "network" {
  description = "Self link or ID of the VPC network the instance is attached to."
  type        = string
}

variable "subnet" {
  description = "Self link or ID of the private subnet (with Private Google Access) the instance is attached to."
  type        = string
  validation {
    condition     = length(var.subnet) > 0
    error_message = "Give the subnet: the instance has no public IP and reaches Google APIs through Private Google Access."
  }
}

variable "kms_key" {
  description = "ID of the Cloud KMS key (projects/P/locations/L/keyRings/R/cryptoKeys/K) that encrypts the boot and data disks."
  type        = string
  validation {
    condition     = can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.kms_key))
    error_message = "The kms_key must be a Cloud KMS key ID (projects/P/locations/L/keyRings/R/cryptoKeys/K): the disks are always encrypted with a customer-managed key."
  }
}

variable "data_bucket" {
  description = "Name of the one Cloud Storage bucket the instance's service account may read."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$", var.data_bucket))
    error_message = "The data_bucket must be a bucket name."
  }
}

variable "machine_type" {
  description = "Machine type of the instance."
  type        = string
  default     = "n2-standard-4"
}

variable "owner" {
  description = "The one user who may use the instance (user:alice@example.com)."
  type        = string
  validation {
    condition     = can(regex("^user:[^@]+@[^@]+$", var.owner))
    error_message = "The owner must be one user (user:EMAIL); a group, allUsers or allAuthenticatedUsers would share the instance."
  }
}
