resource "awscc_sagemaker_pipeline" "train" {
  pipeline_name = "train"
  role_arn      = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = {
    pipeline_definition_body = "{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Train\",\"Type\":\"Training\",\"Arguments\":{\"AlgorithmSpecification\":{\"TrainingImage\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1\",\"TrainingInputMode\":\"File\"},\"InputDataConfig\":[{\"ChannelName\":\"train\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":\"S3Prefix\",\"S3Uri\":\"s3://acme-ml-customer-data/raw/\"}}}],\"OutputDataConfig\":{\"S3OutputPath\":\"s3://acme-ml-models/train/\"},\"ResourceConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":1,\"VolumeSizeInGB\":50},\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\",\"StoppingCondition\":{\"MaxRuntimeInSeconds\":3600},\"VpcConfig\":{\"Subnets\":[\"subnet-0a1b2c3d\"],\"SecurityGroupIds\":[\"sg-0a1b2c3d\"]},\"EnableNetworkIsolation\":true}}]}"
  }
}

resource "awscc_sagemaker_pipeline" "prepare" {
  pipeline_name = "prepare"
  role_arn      = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = {
    pipeline_definition_body = "{\"Version\":\"2020-12-01\",\"Parameters\":[{\"Name\":\"Chats\",\"Type\":\"String\",\"DefaultValue\":\"s3://acme-ml-support-chats/2026/\"}],\"Steps\":[{\"Name\":\"Prepare\",\"Type\":\"Processing\",\"Arguments\":{\"AppSpecification\":{\"ImageUri\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/prep:1\"},\"ProcessingResources\":{\"ClusterConfig\":{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":30}},\"ProcessingInputs\":[{\"InputName\":\"chats\",\"S3Input\":{\"S3Uri\":{\"Get\":\"Parameters.Chats\"},\"LocalPath\":\"/opt/ml/processing/input\",\"S3DataType\":\"S3Prefix\",\"S3InputMode\":\"File\"}}],\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\",\"NetworkConfig\":{\"VpcConfig\":{\"Subnets\":[\"subnet-0a1b2c3d\"],\"SecurityGroupIds\":[\"sg-0a1b2c3d\"]},\"EnableNetworkIsolation\":true}}},{\"Name\":\"TrainOnPrepared\",\"Type\":\"Training\",\"Arguments\":{\"AlgorithmSpecification\":{\"TrainingImage\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1\",\"TrainingInputMode\":\"File\"},\"InputDataConfig\":[{\"ChannelName\":\"train\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":\"S3Prefix\",\"S3Uri\":{\"Get\":\"Steps.Prepare.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri\"}}}}],\"OutputDataConfig\":{\"S3OutputPath\":\"s3://acme-ml-models/x/\"},\"ResourceConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":1,\"VolumeSizeInGB\":50},\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\",\"StoppingCondition\":{\"MaxRuntimeInSeconds\":3600}}}]}"
  }
}

resource "awscc_sagemaker_pipeline" "features" {
  pipeline_name = "features"
  role_arn      = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = {
    pipeline_definition_body = "{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Train\",\"Type\":\"Training\",\"Arguments\":{\"AlgorithmSpecification\":{\"TrainingImage\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1\",\"TrainingInputMode\":\"File\"},\"InputDataConfig\":[{\"ChannelName\":\"train\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":\"S3Prefix\",\"S3Uri\":\"s3://acme-ml-features/daily/\"}}}],\"OutputDataConfig\":{\"S3OutputPath\":\"s3://acme-ml-models/features/\"},\"ResourceConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":1,\"VolumeSizeInGB\":50},\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\",\"StoppingCondition\":{\"MaxRuntimeInSeconds\":3600}}}]}"
  }
}

resource "awscc_sagemaker_pipeline" "telemetry" {
  pipeline_name = "telemetry"
  role_arn      = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = {
    pipeline_definition_body = "{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Prepare\",\"Type\":\"Processing\",\"Arguments\":{\"AppSpecification\":{\"ImageUri\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/prep:1\"},\"ProcessingResources\":{\"ClusterConfig\":{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":30}},\"ProcessingInputs\":[{\"InputName\":\"chats\",\"S3Input\":{\"S3Uri\":\"s3://acme-ml-telemetry/flows/\",\"LocalPath\":\"/opt/ml/processing/input\",\"S3DataType\":\"S3Prefix\",\"S3InputMode\":\"File\"}}],\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\",\"NetworkConfig\":{}}}]}"
  }
}
