data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "exec" {
  name                = "exec"
  assume_role_policy  = data.aws_iam_policy_document.trust.json
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"] # expect
}

resource "aws_iam_role" "attached" {
  name               = "attached"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy_attachment" "attached" { # expect
  role       = aws_iam_role.attached.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "inline" {
  name               = "inline"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  inline_policy {
    name = "broad"
    policy = jsonencode({ # expect
      Version   = "2012-10-17"
      Statement = [{ Sid = "Broad", Effect = "Allow", Action = "*", Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "customer" {
  name               = "customer"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_policy" "broad" {
  name = "broad"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["*"], Resource = ["*"] }]
  })
}

resource "aws_iam_role_policy_attachment" "customer" { # expect
  role       = aws_iam_role.customer.name
  policy_arn = aws_iam_policy.broad.arn
}

# A Bedrock agent's action group calls a Lambda function whose role is an
# administrator: the agent acts with it.
resource "aws_iam_role" "agent_tool" {
  name                = "agent-tool"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"] # expect
}

resource "aws_lambda_function" "agent_tool" {
  function_name = "agent-tool"
  role          = aws_iam_role.agent_tool.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "tool.zip"
}

resource "aws_bedrockagent_agent_action_group" "tool" {
  agent_id          = "AGENT12345"
  agent_version     = "DRAFT"
  action_group_name = "tool"
  action_group_executor {
    lambda = aws_lambda_function.agent_tool.arn
  }
  function_schema {
    member_functions {
      functions {
        name = "lookup"
      }
    }
  }
}
