resource "aws_lambda_function" "infer" {
  function_name = "infer"
  role          = "arn:aws:iam::111122223333:role/lambda-exec"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
  environment {
    variables = { # expect
      ENDPOINT_NAME  = "churn"
      OPENAI_API_KEY = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
    }
  }
}
