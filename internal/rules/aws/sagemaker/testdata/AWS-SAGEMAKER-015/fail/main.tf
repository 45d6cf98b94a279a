resource "aws_sagemaker_code_repository" "password" {
  code_repository_name = "password"
  git_config {
    repository_url = "https://ml-bot:s3cr3tpassw0rd@git.example.com/ml/churn.git" # expect
  }
}

resource "aws_sagemaker_code_repository" "token" {
  code_repository_name = "token"
  git_config {
    repository_url = "https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/example/churn.git" # expect
  }
}
