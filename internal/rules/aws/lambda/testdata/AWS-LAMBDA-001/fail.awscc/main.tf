resource "awscc_lambda_function" "infer" {
  role    = "arn:aws:iam::111122223333:role/lambda-exec"
  runtime = "python3.12"
  handler = "app.handler"
  code = {
    zip_file = "def handler(e, c): pass"
  }
  environment = {
    "Variables" = { # expect
      "ENDPOINT_NAME" = "churn"
      "API_TOKEN"     = "7f3e9a1c2b4d6e8f0a1b2c3d4e5f6a7b"
    }
  }
}
