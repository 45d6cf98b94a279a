variable "unknown" {}

resource "awscc_sagemaker_code_repository" "plain" {
  git_config = {
    repository_url = "https://github.com/example/churn.git"
    secret_arn     = var.unknown
  }
}
