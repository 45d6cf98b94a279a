variable "unknown" {}

resource "awscc_ecs_task_definition" "serving" {
  family = "serving"
  container_definitions = [
    {
      name  = "model"
      image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving:1"
      environment = [
        {
          name  = "MODEL_ID"
          value = "churn"
        },
        {
          name  = "DB_PASSWORD"
          value = var.unknown
        }
      ]
      secrets = [
        {
          name       = "HF_TOKEN"
          value_from = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-AbCdEf"
        }
      ]
    }
  ]
}
