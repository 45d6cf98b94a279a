resource "aws_sagemaker_data_quality_job_definition" "defaults" { # expect
  name     = "defaults"
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }
  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }
  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring/defaults"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 2
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
    }
  }
}

resource "aws_sagemaker_data_quality_job_definition" "explicit" {
  name     = "explicit"
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  data_quality_app_specification {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }
  data_quality_job_input {
    endpoint_input {
      endpoint_name = "churn"
    }
  }
  data_quality_job_output_config {
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring/explicit"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 3
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sagemaker"
    }
  }
  network_config { # expect
    enable_network_isolation                  = false
    enable_inter_container_traffic_encryption = false
  }
}
