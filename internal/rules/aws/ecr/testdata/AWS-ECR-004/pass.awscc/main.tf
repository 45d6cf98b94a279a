variable "unknown" {}

resource "awscc_ecr_repository" "scoped" {
  repository_policy_text = jsonencode({ "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "arn:aws:iam::444455556666:root" }, "Action" : "ecr:BatchGetImage" }] })
}
