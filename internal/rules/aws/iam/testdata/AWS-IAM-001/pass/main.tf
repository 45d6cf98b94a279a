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
      { Sid = "Narrow", Effect = "Allow", Action = ["sagemaker:InvokeEndpoint"], Resource = "arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn" },
      { Sid = "Conditional", Effect = "Allow", Action = "sagemaker:*", Resource = "*", Condition = { StringEquals = { "aws:RequestedRegion" = "eu-west-1" } } },
      { Sid = "Deny", Effect = "Deny", Action = "sagemaker:*", Resource = "*" },
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
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
}
