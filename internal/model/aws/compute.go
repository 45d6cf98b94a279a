package aws

import "github.com/mlguard/mlguard/internal/model"

// TaskDefinition is an ECS task definition, for the containers that serve
// or train models on ECS.
type TaskDefinition struct {
	model.Resource
	// Containers are read from container_definitions; empty when that is
	// unknown or unreadable.
	Containers []TaskContainer `json:"containers,omitempty"`
}

// TaskContainer is one container definition; its environment values carry
// the range of the container definitions.
type TaskContainer struct {
	Name        string          `json:"name"`
	Environment model.StringMap `json:"environment"`
}

// Function is a Lambda function, for inference and pipeline glue code.
type Function struct {
	model.Resource
	Name        model.String    `json:"function_name"`
	Role        model.Ref       `json:"role"`
	Environment model.StringMap `json:"environment"`
}

// AgentActionGroup is a Bedrock agent's action group: the Lambda function
// the agent calls to act, with whatever its role may do.
type AgentActionGroup struct {
	model.Resource
	Agent  model.Ref `json:"agent"`
	Lambda model.Ref `json:"lambda"` // action_group_executor.lambda
}
