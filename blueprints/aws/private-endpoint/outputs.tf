output "endpoint_name" {
  description = "Name of the endpoint, which the application passes to InvokeEndpoint."
  value       = aws_sagemaker_endpoint.endpoint.name
}

output "endpoint_arn" {
  description = "ARN of the endpoint."
  value       = aws_sagemaker_endpoint.endpoint.arn
}

output "role_arn" {
  description = "ARN of the model's execution role."
  value       = aws_iam_role.model.arn
}

output "runtime_vpc_endpoint_id" {
  description = "ID of the SageMaker runtime interface endpoint the application calls through."
  value       = aws_vpc_endpoint.runtime.id
}
