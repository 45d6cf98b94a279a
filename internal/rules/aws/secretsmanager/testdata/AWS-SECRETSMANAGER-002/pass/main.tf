resource "aws_secretsmanager_secret" "hf_token" {
  name   = "hf-token"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/training" }, Action = "secretsmanager:GetSecretValue", Resource = "*" }] })
}

resource "aws_secretsmanager_secret" "db" {
  name = "ml-db"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }]
  })
}

resource "aws_secretsmanager_secret" "plain" {
  name = "plain"
}
