resource "aws_sagemaker_flow_definition" "keyed" {
  flow_definition_name = "keyed"
  role_arn             = "arn:aws:iam::111122223333:role/a2i"
  human_loop_config {
    human_task_ui_arn = "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/review"
    task_count        = 1
    task_description  = "Review the prediction"
    task_title        = "Review"
    workteam_arn      = "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/reviewers"
  }
  output_config {
    s3_output_path = "s3://ml-reviews-111122223333/a2i/"
    kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
