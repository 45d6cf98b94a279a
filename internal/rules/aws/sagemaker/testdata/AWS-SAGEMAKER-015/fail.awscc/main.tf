variable "unknown" {}

resource "awscc_sagemaker_code_repository" "password" {
  git_config = {
    repository_url = "https://ml-bot:s3cr3tpassw0rd@git.example.com/ml/churn.git" # expect
  }
}
