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
	Environment model.StringMap `json:"environment"`
}
