resource "aws_sagemaker_pipeline" "good" {
  pipeline_name         = "good"
  pipeline_display_name = "good"
  role_arn              = "arn:aws:iam::111122223333:role/pipeline-exec"
  pipeline_definition = jsonencode({
    "Version" : "2020-12-01",
    "Parameters" : [
      {
        "Name" : "Count",
        "Type" : "Integer",
        "DefaultValue" : 2
      }
    ],
    "Steps" : [
      {
        "Name" : "Train",
        "Type" : "Training",
        "Arguments" : {
          "ResourceConfig" : {
            "InstanceType" : "ml.m5.xlarge",
            "InstanceCount" : 2,
            "VolumeSizeInGB" : 50,
            "VolumeKmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          },
          "OutputDataConfig" : {
            "S3OutputPath" : "s3://ml-models/train/",
            "KmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          },
          "VpcConfig" : {
            "Subnets" : [
              "subnet-0a1b2c3d"
            ],
            "SecurityGroupIds" : [
              "sg-0a1b2c3d"
            ]
          },
          "EnableNetworkIsolation" : true,
          "EnableInterContainerTrafficEncryption" : true,
          "Environment" : {
            "HF_TOKEN_SECRET_ARN" : "arn:aws:secretsmanager:eu-west-1:111122223333:secret:hf-AbCdEf",
            "EPOCHS" : "3"
          },
          "RoleArn" : "arn:aws:iam::111122223333:role/pipeline-exec"
        }
      },
      {
        "Name" : "Prepare",
        "Type" : "Processing",
        "Arguments" : {
          "ProcessingResources" : {
            "ClusterConfig" : {
              "InstanceType" : "ml.m5.large",
              "InstanceCount" : {
                "Get" : "Parameters.Count"
              },
              "VolumeSizeInGB" : 30,
              "VolumeKmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            }
          },
          "ProcessingOutputConfig" : {
            "Outputs" : [],
            "KmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          },
          "NetworkConfig" : {
            "VpcConfig" : {
              "Get" : "Parameters.Vpc"
            },
            "EnableNetworkIsolation" : {
              "Get" : "Parameters.Isolate"
            }
          },
          "Environment" : {
            "PASSWORD" : {
              "Get" : "Parameters.Password"
            }
          },
          "RoleArn" : "arn:aws:iam::111122223333:role/pipeline-exec"
        }
      },
      {
        "Name" : "Tune",
        "Type" : "Tuning",
        "Arguments" : {
          "TrainingJobDefinition" : {
            "ResourceConfig" : {
              "InstanceType" : "ml.g5.2xlarge",
              "InstanceCount" : 1,
              "VolumeSizeInGB" : 50
            },
            "OutputDataConfig" : {
              "S3OutputPath" : "s3://ml-models/tune/",
              "KmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            },
            "VpcConfig" : {
              "Subnets" : [
                "subnet-0a1b2c3d"
              ],
              "SecurityGroupIds" : [
                "sg-0a1b2c3d"
              ]
            },
            "EnableNetworkIsolation" : true
          }
        }
      },
      {
        "Name" : "Score",
        "Type" : "Transform",
        "Arguments" : {
          "TransformResources" : {
            "InstanceType" : "ml.m5.large",
            "InstanceCount" : 1,
            "VolumeKmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          },
          "TransformOutput" : {
            "S3OutputPath" : "s3://ml-models/scores/",
            "KmsKeyId" : "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          }
        }
      },
      {
        "Name" : "Fail",
        "Type" : "Fail",
        "Arguments" : {
          "ErrorMessage" : "no"
        }
      }
    ]
  })
}
