resource "aws_secretsmanager_secret" "hf_token" {
  name   = "hf-token"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }] }) # expect
}

resource "aws_secretsmanager_secret" "db" {
  name = "ml-db"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({ # expect
    Version   = "2012-10-17"
    Statement = [{ Sid = "Anyone", Effect = "Allow", Principal = { AWS = "*" }, Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}

# The policy of a secret another stack created: flagged at the policy.
resource "aws_secretsmanager_secret_policy" "shared" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ml-shared-AbCdEf"
  policy = jsonencode({ # expect
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}
