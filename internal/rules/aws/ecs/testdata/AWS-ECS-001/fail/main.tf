resource "aws_ecs_task_definition" "serving" {
  family = "serving"
  container_definitions = jsonencode([{ # expect
    name      = "model"
    image     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving:1"
    essential = true
    environment = [
      { name = "MODEL_ID", value = "churn" },
      { name = "HF_TOKEN", value = "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh" },
    ]
  }])
}

resource "aws_ecs_task_definition" "trainer" {
  family                = "trainer"
  container_definitions = jsonencode([{ name = "train", image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1", essential = true, environment = [{ name = "DB_PASSWORD", value = "Tr4in!ng-db-2024" }] }]) # expect
}
