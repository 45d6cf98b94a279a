resource "awscc_secretsmanager_secret" "token" {
  name = "hf-token"
}

resource "awscc_secretsmanager_resource_policy" "token_policy" {
  secret_id       = awscc_secretsmanager_secret.token.id
  resource_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : { "AWS" : "arn:aws:iam::111122223333:role/training" }, "Action" : "secretsmanager:GetSecretValue", "Resource" : "*" }] })
}
