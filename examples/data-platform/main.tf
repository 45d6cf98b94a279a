# The storage and the training pipeline behind the datasets of examples/data.
# `mlguard data scan --stored-at s3://acme-ml-training-data/ ...` found
# personal data and secrets in them (classes.json); scanned with
# --data-classification classes.json, the bucket and the job that reads it
# are held to the controls personal data needs.

resource "aws_s3_bucket" "training" {
  bucket = "acme-ml-training-data"
}

# Encrypted, but with S3 managed keys.
resource "aws_s3_bucket_server_side_encryption_configuration" "training" {
  bucket = aws_s3_bucket.training.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "training" {
  bucket = aws_s3_bucket.training.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_sagemaker_pipeline" "support_model" {
  pipeline_name         = "support-model"
  pipeline_display_name = "support-model"
  role_arn              = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = jsonencode({
    Version = "2020-12-01"
    Parameters = [
      { Name = "Chats", Type = "String", DefaultValue = "s3://acme-ml-training-data/support/" },
    ]
    Steps = [{
      Name = "FineTune"
      Type = "Training"
      Arguments = {
        AlgorithmSpecification = {
          TrainingImage     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/finetune:1"
          TrainingInputMode = "File"
        }
        InputDataConfig = [{
          ChannelName = "chats"
          DataSource  = { S3DataSource = { S3DataType = "S3Prefix", S3Uri = { Get = "Parameters.Chats" } } }
        }]
        OutputDataConfig                      = { S3OutputPath = "s3://acme-ml-training-data/models/", KmsKeyId = "arn:aws:kms:eu-west-1:111122223333:key/0f3c2d1e-8b9a-4c7d-a6e5-f4d3c2b1a098" }
        ResourceConfig                        = { InstanceType = "ml.g5.xlarge", InstanceCount = 1, VolumeSizeInGB = 100, VolumeKmsKeyId = "arn:aws:kms:eu-west-1:111122223333:key/0f3c2d1e-8b9a-4c7d-a6e5-f4d3c2b1a098" }
        RoleArn                               = "arn:aws:iam::111122223333:role/pipeline-exec"
        StoppingCondition                     = { MaxRuntimeInSeconds = 86400 }
        EnableInterContainerTrafficEncryption = true
      }
    }]
  })
}
