resource "aws_lambda_function" "infer" {
  function_name = "infer"
  role          = "arn:aws:iam::111122223333:role/lambda-exec"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
  environment {
    variables = {
      ENDPOINT_NAME             = "churn"
      OPENAI_API_KEY_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:openai-AbCdEf"
    }
  }
}

resource "aws_lambda_function" "plain" {
  function_name = "plain"
  role          = "arn:aws:iam::111122223333:role/lambda-exec"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}
