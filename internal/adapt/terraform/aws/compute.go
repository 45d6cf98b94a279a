package aws

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
	"github.com/mlguard/mlguard/internal/unknown"
)

// taskDefinition reads the environment of each container from the
// container_definitions JSON. Keys are matched without regard to case, so
// CloudFormation's Name/Environment/Value read like ECS's name/environment/value.
func (a *adapter) taskDefinition(d *terraform.Resource, res model.Resource) {
	td := &aws.TaskDefinition{Resource: res}
	defs := tfattr.Str(d.Body, "container_definitions", "")
	var containers []map[string]any
	if defs.Explicit && defs.Known() && json.Unmarshal([]byte(defs.Value), &containers) == nil {
		for _, c := range containers {
			name, _ := field(c, "name").(string)
			env := model.StringMap{Meta: defs.Meta, Values: map[string]model.String{}}
			list, _ := field(c, "environment").([]any)
			for _, e := range list {
				kv, _ := e.(map[string]any)
				k, _ := field(kv, "name").(string)
				v, isString := field(kv, "value").(string)
				known := isString && !unknown.In(v)
				env.Values[k] = model.String{Meta: model.Meta{Range: defs.Range, Explicit: true, Unknown: !known}, Value: v}
			}
			td.Containers = append(td.Containers, aws.TaskContainer{Name: name, Environment: env})
		}
	}
	a.m.TaskDefinitions = append(a.m.TaskDefinitions, td)
}

// field looks a key up without regard to case.
func field(m map[string]any, key string) any {
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

func (a *adapter) function(d *terraform.Resource, res model.Resource) {
	env, _ := tfattr.Within(d.Body, "environment")
	a.m.Functions = append(a.m.Functions, &aws.Function{Resource: res, Name: tfattr.Str(d.Body, "function_name", ""),
		Role: tfattr.Ref(d.Body, "role"), Environment: tfattr.StringMap(env, "variables")})
}

func (a *adapter) actionGroup(d *terraform.Resource, res model.Resource) {
	ex, _ := tfattr.First(d.Body, "action_group_executor")
	a.m.ActionGroups = append(a.m.ActionGroups, &aws.AgentActionGroup{Resource: res, Agent: tfattr.Ref(d.Body, "agent_id"), Lambda: tfattr.Ref(ex, "lambda")})
}

// functionOf finds the Lambda function a reference names: by link, or by
// the name or ARN written out.
func (a *adapter) functionOf(r model.Ref) *aws.Function {
	for _, f := range a.m.Functions {
		if slices.ContainsFunc(r.Targets, func(t string) bool { return t == f.Address || strings.HasPrefix(t, f.Address+"[") }) {
			return f
		}
		if r.Known() && r.Value != "" && f.Name.Known() && f.Name.Value != "" &&
			(r.Value == f.Name.Value || strings.HasSuffix(r.Value, ":function:"+f.Name.Value)) {
			return f
		}
	}
	return nil
}
