resource "aws_secretsmanager_secret" "hf_token" {
  name = "hf-token"
}

resource "aws_ecs_task_definition" "serving" {
  family = "serving"
  container_definitions = jsonencode([{
    name      = "model"
    image     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving:1"
    essential = true
    environment = [
      { name = "MODEL_ID", value = "churn" },
      { name = "HF_TOKEN_SECRET_ARN", value = aws_secretsmanager_secret.hf_token.arn },
      { name = "DB_PASSWORD", value = aws_secretsmanager_secret.hf_token.id },
    ]
    secrets = [{ name = "HF_TOKEN", valueFrom = aws_secretsmanager_secret.hf_token.arn }]
  }])
}
