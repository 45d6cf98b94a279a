resource "awscc_lambda_function" "infer" {
  role    = "arn:aws:iam::111122223333:role/lambda-exec"
  runtime = "python3.12"
  handler = "app.handler"
  code = {
    zip_file = "def handler(e, c): pass"
  }
  environment = {
    "Variables" = {
      "ENDPOINT_NAME"       = "churn"
      "API_TOKEN_PARAMETER" = "/ml/infer/api-token"
    }
  }
}
