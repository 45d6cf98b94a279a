resource "awscc_sagemaker_pipeline" "train" {
  pipeline_name = "train"
  role_arn      = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = {
    pipeline_definition_body = "{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Train\",\"Type\":\"Training\",\"Arguments\":{\"AlgorithmSpecification\":{\"TrainingImage\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/train:1\",\"TrainingInputMode\":\"File\"},\"ResourceConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"InstanceCount\":2,\"VolumeSizeInGB\":50},\"OutputDataConfig\":{\"S3OutputPath\":\"s3://ml-models/train/\"},\"EnableInterContainerTrafficEncryption\":false,\"Environment\":{\"HF_TOKEN\":\"hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh\"},\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\",\"StoppingCondition\":{\"MaxRuntimeInSeconds\":3600}}}]}" # expect
  }
}

resource "awscc_sagemaker_pipeline" "gated" {
  pipeline_name = "gated"
  role_arn      = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = {
    pipeline_definition_body = "{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Check\",\"Type\":\"Condition\",\"Arguments\":{\"Conditions\":[],\"IfSteps\":[{\"Name\":\"Prepare\",\"Type\":\"Processing\",\"Arguments\":{\"AppSpecification\":{\"ImageUri\":\"111122223333.dkr.ecr.eu-west-1.amazonaws.com/prep:1\"},\"ProcessingResources\":{\"ClusterConfig\":{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":3,\"VolumeSizeInGB\":30}},\"ProcessingOutputConfig\":{\"Outputs\":[]},\"Environment\":{\"AWS_ACCESS_KEY_ID\":\"AKIAIOSFODNN7EXAMPLE\"},\"RoleArn\":\"arn:aws:iam::111122223333:role/pipeline-exec\"}}],\"ElseSteps\":[]}}]}" # expect
  }
}
