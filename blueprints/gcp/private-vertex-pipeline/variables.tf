variable "name" {
  description = "Name of the pipeline's resources (bucket prefix, dataset, service account)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,20}[a-z0-9])$", var.name))
    error_message = "The name must be 2 to 22 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "project" {
  description = "The project the pipeline runs in."
  type        = string
}

variable "project_number" {
  description = "The project's number, which the VPC Service Controls perimeter names."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{6,20}$", var.project_number))
    error_message = "The project_number must be the project's number (digits)."
  }
}

variable "region" {
  description = "The region of the pipeline, its dataset, bucket and key."
  type        = string
}

variable "network" {
  description = "Self link or ID of the VPC network that private service access peers with."
  type        = string
}

variable "kms_key" {
  description = "ID of the Cloud KMS key (projects/P/locations/L/keyRings/R/cryptoKeys/K) for the dataset, bucket, BigQuery dataset and pipeline jobs."
  type        = string
  validation {
    condition     = can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.kms_key))
    error_message = "The kms_key must be a Cloud KMS key ID (projects/P/locations/L/keyRings/R/cryptoKeys/K): every store is encrypted with a customer-managed key."
  }
}

variable "access_policy" {
  description = "The Access Context Manager policy the perimeter belongs to (its number)."
  type        = string
  validation {
    condition     = can(regex("^[0-9]+$", var.access_policy))
    error_message = "The access_policy must be the access policy's number."
  }
}

variable "private_service_range" {
  description = "Prefix length of the range reserved for private service access (Vertex AI's peered network)."
  type        = number
  default     = 20
}
