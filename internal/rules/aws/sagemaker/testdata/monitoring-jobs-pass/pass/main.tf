resource "aws_sagemaker_data_quality_job_definition" "hardened" {
  name     = "hardened"
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
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring/hardened"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 2
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
  network_config {
    enable_network_isolation                  = true
    enable_inter_container_traffic_encryption = true
    vpc_config {
      subnets            = ["subnet-0a1b2c3d"]
      security_group_ids = ["sg-0a1b2c3d"]
    }
  }
}

resource "aws_sagemaker_data_quality_job_definition" "single_nvme" {
  name     = "single-nvme"
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
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://ml-monitoring/single"
      }
    }
  }
  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.g5.xlarge"
      volume_size_in_gb = 20
    }
  }
  network_config {
    enable_network_isolation = true
    vpc_config {
      subnets            = ["subnet-0a1b2c3d"]
      security_group_ids = ["sg-0a1b2c3d"]
    }
  }
}
