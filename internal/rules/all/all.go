// Package all registers every built-in rule. Import it for its side effect;
// an embedder that wants fewer rules imports the rule packages it needs.
package all

import (
	// Rule packages register their rules in init.
	_ "github.com/mlguard/mlguard/internal/rules/aws/bedrock"
	_ "github.com/mlguard/mlguard/internal/rules/aws/cloudtrail"
	_ "github.com/mlguard/mlguard/internal/rules/aws/data"
	_ "github.com/mlguard/mlguard/internal/rules/aws/ecr"
	_ "github.com/mlguard/mlguard/internal/rules/aws/ecs"
	_ "github.com/mlguard/mlguard/internal/rules/aws/iam"
	_ "github.com/mlguard/mlguard/internal/rules/aws/kms"
	_ "github.com/mlguard/mlguard/internal/rules/aws/lambda"
	_ "github.com/mlguard/mlguard/internal/rules/aws/logs"
	_ "github.com/mlguard/mlguard/internal/rules/aws/s3"
	_ "github.com/mlguard/mlguard/internal/rules/aws/sagemaker"
	_ "github.com/mlguard/mlguard/internal/rules/aws/secretsmanager"
	_ "github.com/mlguard/mlguard/internal/rules/aws/vpc"
	_ "github.com/mlguard/mlguard/internal/rules/azure/acr"
	_ "github.com/mlguard/mlguard/internal/rules/azure/ai"
	_ "github.com/mlguard/mlguard/internal/rules/azure/keyvault"
	_ "github.com/mlguard/mlguard/internal/rules/azure/ml"
	_ "github.com/mlguard/mlguard/internal/rules/azure/rbac"
	_ "github.com/mlguard/mlguard/internal/rules/azure/storage"
	_ "github.com/mlguard/mlguard/internal/rules/gcp/iam"
	_ "github.com/mlguard/mlguard/internal/rules/gcp/kms"
	_ "github.com/mlguard/mlguard/internal/rules/gcp/storage"
	_ "github.com/mlguard/mlguard/internal/rules/gcp/vertex"
	_ "github.com/mlguard/mlguard/internal/rules/gcp/vpcsc"
	_ "github.com/mlguard/mlguard/internal/rules/gcp/workbench"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/kserve"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/kubeflow"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/network"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/pod"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/ray"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/secret"
	_ "github.com/mlguard/mlguard/internal/rules/kubernetes/serving"
)
