resource "google_access_context_manager_service_perimeter" "ml" {
  parent = "accessPolicies/123"
  name   = "accessPolicies/123/servicePerimeters/ml"
  title  = "ml"
  status {
    resources           = ["projects/123"]
    restricted_services = ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"]

    # Anyone, from anywhere, to Vertex AI.
    ingress_policies { # expect
      ingress_from {
        identity_type = "ANY_IDENTITY"
        sources {
          access_level = "*"
        }
      }
      ingress_to {
        resources = ["projects/123"]
        operations {
          service_name = "aiplatform.googleapis.com"
          method_selectors {
            method = "google.cloud.aiplatform.v1.PredictionService.Predict"
          }
        }
      }
    }

    # Anything inside may copy objects to any project.
    egress_policies { # expect
      egress_from {
        identity_type = "ANY_IDENTITY"
      }
      egress_to {
        resources = ["*"]
        operations {
          service_name = "storage.googleapis.com"
          method_selectors {
            method = "*"
          }
        }
      }
    }
  }
}
