resource "awscc_opensearchserverless_access_policy" "p0" {
  name   = "kb-vectors-0"
  type   = "data"
  policy = "[{\"Rules\":[{\"ResourceType\":\"index\",\"Resource\":[\"index/kb-vectors/*\"],\"Permission\":[\"aoss:ReadDocument\"]}],\"Principal\":[\"*\"]}]" # expect
}

resource "awscc_opensearchserverless_access_policy" "p1" {
  name   = "kb-vectors-1"
  type   = "data"
  policy = "[{\"Rules\":[{\"ResourceType\":\"index\",\"Resource\":[\"index/kb-vectors/*\"],\"Permission\":[\"aoss:*\"]}],\"Principal\":[\"arn:aws:iam::111122223333:root\"]}]" # expect
}
