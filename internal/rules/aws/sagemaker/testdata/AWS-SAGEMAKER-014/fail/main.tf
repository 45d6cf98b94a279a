resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "leaky" {
  name = "leaky"
  on_start = base64encode( # expect
    <<-EOT
    #!/bin/bash
    export HF_TOKEN="hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"
    pip install -r requirements.txt
  EOT
  )
}
