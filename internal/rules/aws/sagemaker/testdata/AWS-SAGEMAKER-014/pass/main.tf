resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "clean" {
  name = "clean"
  on_start = base64encode(<<-EOT
    #!/bin/bash
    export HF_TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/hub --query SecretString --output text)
  EOT
  )
  on_create = base64encode(terraform_data.unknown.output)
}
