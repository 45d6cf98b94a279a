resource "awscc_sagemaker_data_quality_job_definition" "defaults" {
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  data_quality_app_specification = {
    image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
  }
  data_quality_job_input = {
    endpoint_input = {
      endpoint_name = "churn"
      local_path    = "/opt/ml/processing/input"
    }
  }
  data_quality_job_output_config = {
    monitoring_outputs = [
      {
        s3_output = {
          s3_uri     = "s3://ml-monitoring/defaults"
          local_path = "/opt/ml/processing/output"
        }
      }
    ]
  }
  job_resources = {
    cluster_config = { # expect
      instance_count    = 2
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
    }
  }
}

resource "awscc_sagemaker_model_bias_job_definition" "explicit" {
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  model_bias_app_specification = {
    image_uri  = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-clarify-processing"
    config_uri = "s3://ml-monitoring/bias/analysis_config.json"
  }
  model_bias_job_input = {
    endpoint_input = {
      endpoint_name = "churn"
      local_path    = "/opt/ml/processing/input"
    }
  }
  model_bias_job_output_config = {
    kms_key_id = "alias/aws/s3"
    monitoring_outputs = [
      {
        s3_output = {
          s3_uri     = "s3://ml-monitoring/bias"
          local_path = "/opt/ml/processing/output"
        }
      }
    ]
  }
  job_resources = {
    cluster_config = {
      instance_count    = 3
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "alias/aws/sagemaker" # expect
    }
  }
  network_config = {
    enable_network_isolation                  = false
    enable_inter_container_traffic_encryption = false
  }
}

resource "awscc_sagemaker_monitoring_schedule" "scheduled" {
  monitoring_schedule_name = "hourly"
  monitoring_schedule_config = {
    schedule_config = {
      schedule_expression = "cron(0 * ? * * *)"
    }
    monitoring_job_definition = {
      role_arn = "arn:aws:iam::111122223333:role/monitor"
      monitoring_app_specification = {
        image_uri = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
      }
      monitoring_inputs = [
        {
          endpoint_input = {
            endpoint_name = "churn"
            local_path    = "/opt/ml/processing/input"
          }
        }
      ]
      monitoring_output_config = {
        monitoring_outputs = [
          {
            s3_output = {
              s3_uri     = "s3://ml-monitoring/hourly"
              local_path = "/opt/ml/processing/output"
            }
          }
        ]
      }
      monitoring_resources = {
        cluster_config = { # expect
          instance_count    = 2
          instance_type     = "ml.m5.large"
          volume_size_in_gb = 20
        }
      }
    }
  }
}
