resource "awscc_sagemaker_model_quality_job_definition" "hardened" {
  role_arn = "arn:aws:iam::111122223333:role/monitor"
  model_quality_app_specification = {
    image_uri    = "468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer"
    problem_type = "BinaryClassification"
  }
  model_quality_job_input = {
    endpoint_input = {
      endpoint_name = "churn"
      local_path    = "/opt/ml/processing/input"
    }
    ground_truth_s3_input = {
      s3_uri = "s3://ml-monitoring/ground-truth"
    }
  }
  model_quality_job_output_config = {
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    monitoring_outputs = [
      {
        s3_output = {
          s3_uri     = "s3://ml-monitoring/quality"
          local_path = "/opt/ml/processing/output"
        }
      }
    ]
  }
  job_resources = {
    cluster_config = {
      instance_count    = 2
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
  network_config = {
    enable_network_isolation                  = true
    enable_inter_container_traffic_encryption = true
    vpc_config = {
      subnets            = ["subnet-0a1b2c3d"]
      security_group_ids = ["sg-0a1b2c3d"]
    }
  }
}

resource "awscc_sagemaker_monitoring_schedule" "named" {
  monitoring_schedule_name = "daily"
  monitoring_schedule_config = {
    monitoring_job_definition_name = awscc_sagemaker_model_quality_job_definition.hardened.job_definition_name
    monitoring_type                = "ModelQuality"
    schedule_config = {
      schedule_expression = "cron(0 0 ? * * *)"
    }
  }
}
