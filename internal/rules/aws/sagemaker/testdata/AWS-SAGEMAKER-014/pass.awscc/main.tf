variable "unknown" {}

resource "awscc_sagemaker_notebook_instance_lifecycle_config" "clean" {
  on_start = [
    {
      content = base64encode("#!/bin/bash\nsudo -u ec2-user pip install --quiet pandas\n")
    }
  ]
}

resource "awscc_sagemaker_notebook_instance_lifecycle_config" "unknown" {
  on_create = [
    {
      content = var.unknown
    }
  ]
}
