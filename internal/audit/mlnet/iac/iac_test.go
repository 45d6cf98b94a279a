package iac

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlguard/mlguard/internal/scan"
)

// TestExample: the example platform's subnets are found through the
// resources placed in them, with the VPC and the endpoint's ingress ranges.
func TestExample(t *testing.T) {
	n, unplaced, bad, err := Load(context.Background(), []scan.Target{{FS: os.DirFS("../../../../examples/audit-network/iac"), Root: "."}})
	if err != nil || len(bad) != 0 || len(unplaced) != 0 {
		t.Fatalf("%v %v %v", err, bad, unplaced)
	}
	var got []string
	for _, s := range n.ML {
		got = append(got, fmt.Sprintf("%s %s %s", s.Name, s.Kind, s.Prefix))
	}
	if strings.Join(got, "; ") != "aws_subnet.endpoints endpoint 10.20.1.0/24; aws_subnet.notebooks notebook 10.20.2.0/24" ||
		fmt.Sprint(n.Inside) != "[10.20.0.0/16]" || fmt.Sprint(n.Allowed) != "[10.30.0.0/16]" {
		t.Errorf("ML %v, inside %v, allowed %v", got, n.Inside, n.Allowed)
	}
}

// TestUnplaced: a subnet whose CIDR is not in the code, or that is not a
// subnet of the code, is said, never guessed.
func TestUnplaced(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "cidr" { type = string }
resource "aws_vpc" "v" { cidr_block = var.cidr }
resource "aws_subnet" "a" {
  vpc_id     = "vpc-1"
  cidr_block = var.cidr
}
resource "aws_sagemaker_notebook_instance" "nb" {
  name          = "nb"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
  subnet_id     = aws_subnet.a.id
}
resource "aws_sagemaker_notebook_instance" "other" {
  name          = "other"
  role_arn      = "arn:aws:iam::111122223333:role/r"
  instance_type = "ml.t3.medium"
  subnet_id     = "subnet-0123"
}
`)}}
	n, unplaced, _, err := Load(context.Background(), []scan.Target{{FS: fsys, Root: "."}})
	if err != nil || len(n.ML) != 0 || len(n.Inside) != 0 || len(unplaced) != 3 ||
		!strings.Contains(unplaced[0], "subnet-0123): not a subnet defined in the code") ||
		!strings.Contains(unplaced[1], "aws_subnet.a (the notebook subnet of aws_sagemaker_notebook_instance.nb): its cidr_block is not known") ||
		!strings.Contains(unplaced[2], "aws_vpc.v: its cidr_block is not known; traffic to it counts as outside") {
		t.Errorf("%v %+v %q", err, n, unplaced)
	}
}

// TestCloudFormation: the same networks from a CloudFormation template.
func TestCloudFormation(t *testing.T) {
	fsys := fstest.MapFS{"stack.yaml": {Data: []byte(`AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.40.0.0/16
  EndpointSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.40.1.0/24
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: the model's callers
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          CidrIp: 10.50.0.0/16
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::111122223333:role/model
      EnableNetworkIsolation: true
      PrimaryContainer:
        Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:1
      VpcConfig:
        Subnets: [!Ref EndpointSubnet]
        SecurityGroupIds: [!Ref EndpointGroup]
`)}}
	n, unplaced, bad, err := Load(context.Background(), []scan.Target{{FS: fsys, Root: "."}})
	if err != nil || len(bad) != 0 || len(unplaced) != 0 || len(n.ML) != 1 || n.ML[0].Kind != "endpoint" || n.ML[0].Prefix.String() != "10.40.1.0/24" ||
		fmt.Sprint(n.Inside) != "[10.40.0.0/16]" || fmt.Sprint(n.Allowed) != "[10.50.0.0/16]" {
		t.Errorf("%v %v %v %+v", err, bad, unplaced, n)
	}
}
