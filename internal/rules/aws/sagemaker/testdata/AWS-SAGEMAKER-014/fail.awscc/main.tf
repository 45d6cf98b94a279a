
resource "awscc_sagemaker_notebook_instance_lifecycle_config" "leaky" {
  on_start = [
    {
      content = base64encode("#!/bin/bash\naws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n") # expect
    }
  ]
}
