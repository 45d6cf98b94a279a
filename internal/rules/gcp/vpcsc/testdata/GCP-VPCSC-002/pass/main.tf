resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123"
  name   = "accessPolicies/123/servicePerimeters/ml"
  title  = "ml"
  status {
    resources           = ["projects/123"]
    restricted_services = ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"]

    # A named pipeline identity from the corporate access level.
    ingress_policies {
      ingress_from {
        identities = ["serviceAccount:pipeline@ml-prod.iam.gserviceaccount.com"]
        sources {
          access_level = "accessPolicies/123/accessLevels/corp"
        }
      }
      ingress_to {
        resources = ["projects/123"]
        operations {
          service_name = "aiplatform.googleapis.com"
          method_selectors {
            method = "*"
          }
        }
      }
    }

    # Any identity, but to one project and one method of a service the
    # perimeter does not protect.
    egress_policies {
      egress_from {
        identity_type = "ANY_IDENTITY"
      }
      egress_to {
        resources = ["projects/456"]
        operations {
          service_name = "storage.googleapis.com"
          method_selectors {
            method = "google.storage.objects.get"
          }
        }
      }
    }

    egress_policies {
      egress_from {
        identity_type = "ANY_IDENTITY"
      }
      egress_to {
        resources = ["*"]
        operations {
          service_name = "logging.googleapis.com"
          method_selectors {
            method = "*"
          }
        }
      }
    }
  }
}
