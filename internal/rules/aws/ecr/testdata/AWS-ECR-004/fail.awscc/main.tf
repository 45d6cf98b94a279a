variable "unknown" {}

resource "awscc_ecr_repository" "public" {
  repository_policy_text = jsonencode({ "Statement" : [{ "Effect" : "Allow", "Principal" : "*", "Action" : ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }] }) # expect
}
