resource "awscc_ecs_task_definition" "serving" {
  family = "serving"
  container_definitions = [ # expect
    {
      name  = "model"
      image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/serving:1"
      environment = [
        {
          name  = "MODEL_ID"
          value = "churn"
        },
        {
          name  = "AWS_SECRET_ACCESS_KEY"
          value = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        }
      ]
    }
  ]
}
