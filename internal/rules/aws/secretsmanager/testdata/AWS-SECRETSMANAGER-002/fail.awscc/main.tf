resource "awscc_secretsmanager_secret" "token" {
  name = "hf-token"
}

resource "awscc_secretsmanager_resource_policy" "token_policy" {
  secret_id       = awscc_secretsmanager_secret.token.id
  resource_policy = jsonencode({ "Version" : "2012-10-17", "Statement" : [{ "Effect" : "Allow", "Principal" : "*", "Action" : "secretsmanager:GetSecretValue", "Resource" : "*" }] }) # expect
}

# The policy of a secret another stack created: flagged at the policy.
resource "awscc_secretsmanager_resource_policy" "shared" {
  secret_id       = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ml-shared-AbCdEf"
  resource_policy = jsonencode({ "Statement" : [{ "Effect" : "Allow", "Principal" : "*", "Action" : "secretsmanager:GetSecretValue", "Resource" : "*" }] }) # expect
}
