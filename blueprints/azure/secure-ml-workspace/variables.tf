variable "name" {
  description = "Base name of the workspace and its resources (3 to 16 lowercase letters and digits: storage account names allow no more)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{2,15}$", var.name))
    error_message = "The name must be 3 to 16 lowercase letters and digits, starting with a letter."
  }
}

variable "resource_group_name" {
  description = "The resource group the workspace and its resources go into."
  type        = string
}

variable "location" {
  description = "The Azure region."
  type        = string
}

variable "tenant_id" {
  description = "The Entra ID tenant of the key vault."
  type        = string
  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.tenant_id))
    error_message = "The tenant_id must be a tenant GUID."
  }
}

variable "private_endpoint_subnet_id" {
  description = "ID of the subnet the private endpoints of the workspace, storage account and key vault are placed in."
  type        = string
  validation {
    condition     = can(regex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Network/virtualNetworks/[^/]+/subnets/[^/]+$", var.private_endpoint_subnet_id))
    error_message = "The private_endpoint_subnet_id must be a subnet's resource ID: the workspace is reachable only through private endpoints."
  }
}

variable "approved_outbound_fqdns" {
  description = "Hosts the managed network lets computes reach (package mirrors), besides Azure's own required outbound rules."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for f in var.approved_outbound_fqdns : !strcontains(f, "*") || can(regex("^\\*\\.[a-z0-9-]+\\.[a-z0-9.-]+$", f))])
    error_message = "Each outbound host must be a host name, or a wildcard below a domain (*.example.com); a bare * would allow the whole internet."
  }
}

variable "compute_vm_size" {
  description = "VM size of the compute cluster."
  type        = string
  default     = "Standard_DS3_v2"
}

variable "data_scientists_principal_id" {
  description = "Object ID of the data scientists' group, given AzureML Data Scientist on the workspace (not Owner or Contributor)."
  type        = string
  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.data_scientists_principal_id))
    error_message = "The data_scientists_principal_id must be an object ID (GUID)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
