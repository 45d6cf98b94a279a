resource "terraform_data" "unknown" {
  input = "known only after apply"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "narrow" {
  name               = "narrow"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "narrow" {
  name = "narrow"
  role = aws_iam_role.narrow.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Narrow", Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/sagemaker/*" },
      { Sid = "Conditional", Effect = "Allow", Action = "*", Resource = "*", Condition = { StringEquals = { "aws:RequestedRegion" = "eu-west-1" } } },
      { Sid = "Deny", Effect = "Deny", Action = "*", Resource = "*" },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "unknown" {
  role       = aws_iam_role.narrow.name
  policy_arn = terraform_data.unknown.output
}

resource "aws_iam_role" "not_ml" {
  name = "lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

# A Lambda function with an administrator role that no agent calls is not
# an ML execution role.
resource "aws_iam_role" "ops_tool" {
  name                = "ops-tool"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_lambda_function" "ops_tool" {
  function_name = "ops-tool"
  role          = aws_iam_role.ops_tool.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "tool.zip"
}
