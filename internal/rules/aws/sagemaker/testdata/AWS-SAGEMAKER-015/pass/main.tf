resource "terraform_data" "unknown" {
  input = "known only after apply"
}

resource "aws_sagemaker_code_repository" "plain" {
  code_repository_name = "plain"
  git_config {
    repository_url = "https://github.com/example/churn.git"
  }
}

resource "aws_sagemaker_code_repository" "unknown" {
  code_repository_name = "unknown"
  git_config {
    repository_url = terraform_data.unknown.output
  }
}
