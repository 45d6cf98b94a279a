// Package pipeline reads SageMaker pipeline definitions (the JSON document of
// aws_sagemaker_pipeline.pipeline_definition and AWS::SageMaker::Pipeline
// PipelineDefinitionBody) into the security settings of each step that runs
// work: Training, Processing, Transform, Tuning and Model steps, including
// those nested in Condition steps.
//
// A step argument is often an expression evaluated when the pipeline runs
// ({"Get": "Parameters.X"}, {"Std:Join": ...}) or a placeholder for a value
// unknown at scan time; such a value is Unknown, never read as absent.
package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mlguard/mlguard/internal/unknown"
)

// MaxNesting bounds how deep Condition steps may nest.
const MaxNesting = 64

// Value is one setting of a step.
type Value struct {
	Set   bool   // the argument is present
	Known bool   // present and a literal, not a runtime expression or placeholder
	Text  string // the literal, as text (numbers and booleans too)
}

// Absent reports whether the setting is known not to be there.
func (v Value) Absent() bool { return !v.Set }

// Is reports whether the value is known and equal to s, ignoring case.
func (v Value) Is(s string) bool { return v.Known && strings.EqualFold(v.Text, s) }

// Step is one step that runs work, with the settings mlguard checks. A
// setting that does not apply to the step's type is left unset and listed in
// neither Applies.
type Step struct {
	Name string `json:"name"`
	Type string `json:"type"` // Training, Processing, Transform, Tuning, Model
	// Path locates a nested step: "Check/IfSteps/Train"; it is the name for
	// top-level steps.
	Path string `json:"path"`

	VPC              Value            `json:"vpc_config"` // Known when VpcConfig is an object
	NetworkIsolation Value            `json:"enable_network_isolation"`
	InterContainer   Value            `json:"enable_inter_container_traffic_encryption"`
	InstanceCount    Value            `json:"instance_count"`
	InstanceType     Value            `json:"instance_type"`
	VolumeKMS        Value            `json:"volume_kms_key_id"`
	OutputKMS        Value            `json:"output_kms_key_id"`
	Environment      map[string]Value `json:"environment,omitempty"`
	// Reads are the known s3:// locations of the step's inputs (training
	// channels, processing inputs, transform input), pipeline parameters
	// taken at their defaults.
	Reads []string `json:"reads,omitempty"`
}

// Has reports which settings a step of this type carries.
func (s Step) Has(setting string) bool {
	for _, h := range settingsOf[s.Type] {
		if h == setting {
			return true
		}
	}
	return false
}

// Setting names for Has.
const (
	SetVPC              = "VpcConfig"
	SetNetworkIsolation = "EnableNetworkIsolation"
	SetInterContainer   = "EnableInterContainerTrafficEncryption"
	SetVolumeKMS        = "VolumeKmsKeyId"
	SetOutputKMS        = "OutputKmsKeyId"
	SetEnvironment      = "Environment"
)

var settingsOf = map[string][]string{
	"Training":   {SetVPC, SetNetworkIsolation, SetInterContainer, SetVolumeKMS, SetOutputKMS, SetEnvironment},
	"Tuning":     {SetVPC, SetNetworkIsolation, SetInterContainer, SetVolumeKMS, SetOutputKMS, SetEnvironment},
	"Processing": {SetVPC, SetNetworkIsolation, SetInterContainer, SetVolumeKMS, SetOutputKMS, SetEnvironment},
	"Transform":  {SetVolumeKMS, SetOutputKMS, SetEnvironment},
	"Model":      {SetVPC, SetNetworkIsolation, SetEnvironment},
}

// Definition is a parsed pipeline definition.
type Definition struct {
	Steps []Step `json:"steps"`
	// S3URIs are the known s3:// locations anywhere in the definition: the
	// data and artifacts its steps read and write.
	S3URIs []string `json:"s3_uris,omitempty"`
	// params are the string defaults of the pipeline's parameters, by name.
	params map[string]string
}

// Parse reads a pipeline definition. An error means the text is not a
// pipeline definition mlguard can read (invalid JSON, Steps not a list).
func Parse(data []byte) (*Definition, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("pipeline definition: %w", err)
	}
	d := &Definition{params: map[string]string{}}
	d.collectURIs(doc, 0)
	params, _ := doc["Parameters"].([]any)
	for _, p := range params {
		name, _ := object(p)["Name"].(string)
		if v, ok := object(p)["DefaultValue"].(string); ok && name != "" {
			d.params[name] = v
		}
	}
	steps, ok := doc["Steps"].([]any)
	if !ok {
		if _, present := doc["Steps"]; present {
			return nil, errors.New("pipeline definition: Steps is not a list")
		}
		return d, nil
	}
	if err := d.walk(steps, "", 0); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Definition) walk(steps []any, prefix string, depth int) error {
	if depth > MaxNesting {
		return fmt.Errorf("pipeline definition: Condition steps nest deeper than %d", MaxNesting)
	}
	for i, raw := range steps {
		s, ok := raw.(map[string]any)
		if !ok {
			continue
		}
		name, _ := s["Name"].(string)
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		path := prefix + name
		typ, _ := s["Type"].(string)
		args, _ := s["Arguments"].(map[string]any)
		if typ == "Condition" {
			for _, branch := range []string{"IfSteps", "ElseSteps"} {
				if nested, ok := args[branch].([]any); ok {
					if err := d.walk(nested, path+"/"+branch+"/", depth+1); err != nil {
						return err
					}
				}
			}
			continue
		}
		for _, st := range readStep(name, typ, path, args) {
			st.Reads = d.inputs(typ, args)
			d.Steps = append(d.Steps, st)
		}
	}
	return nil
}

// readStep reads the settings of one step from its API request arguments.
// A tuning step yields one entry per training job definition.
func readStep(name, typ, path string, args map[string]any) []Step {
	base := Step{Name: name, Type: typ, Path: path}
	switch typ {
	case "Training":
		return []Step{training(base, args)}
	case "Tuning":
		var out []Step
		if def, ok := args["TrainingJobDefinition"].(map[string]any); ok {
			out = append(out, training(base, def))
		}
		defs, _ := args["TrainingJobDefinitions"].([]any)
		for i, raw := range defs {
			if def, ok := raw.(map[string]any); ok {
				s := base
				s.Path = fmt.Sprintf("%s/TrainingJobDefinitions[%d]", path, i)
				out = append(out, training(s, def))
			}
		}
		return out
	case "Processing":
		net, _ := args["NetworkConfig"].(map[string]any)
		cluster := object(object(args["ProcessingResources"])["ClusterConfig"])
		base.VPC = structure(net["VpcConfig"])
		base.NetworkIsolation = scalar(net["EnableNetworkIsolation"])
		base.InterContainer = scalar(net["EnableInterContainerTrafficEncryption"])
		base.InstanceCount = scalar(cluster["InstanceCount"])
		base.InstanceType = scalar(cluster["InstanceType"])
		base.VolumeKMS = scalar(cluster["VolumeKmsKeyId"])
		base.OutputKMS = scalar(object(args["ProcessingOutputConfig"])["KmsKeyId"])
		base.Environment = environment(args["Environment"])
	case "Transform":
		res := object(args["TransformResources"])
		base.InstanceCount = scalar(res["InstanceCount"])
		base.InstanceType = scalar(res["InstanceType"])
		base.VolumeKMS = scalar(res["VolumeKmsKeyId"])
		base.OutputKMS = scalar(object(args["TransformOutput"])["KmsKeyId"])
		base.Environment = environment(args["Environment"])
	case "Model":
		base.VPC = structure(args["VpcConfig"])
		base.NetworkIsolation = scalar(args["EnableNetworkIsolation"])
		base.Environment = environment(object(args["PrimaryContainer"])["Environment"])
		containers, _ := args["Containers"].([]any)
		for _, c := range containers {
			for k, v := range environment(object(c)["Environment"]) {
				if base.Environment == nil {
					base.Environment = map[string]Value{}
				}
				base.Environment[k] = v
			}
		}
	default:
		return nil
	}
	return []Step{base}
}

func training(s Step, args map[string]any) Step {
	res := object(args["ResourceConfig"])
	s.VPC = structure(args["VpcConfig"])
	s.NetworkIsolation = scalar(args["EnableNetworkIsolation"])
	s.InterContainer = scalar(args["EnableInterContainerTrafficEncryption"])
	s.InstanceCount = scalar(res["InstanceCount"])
	s.InstanceType = scalar(res["InstanceType"])
	s.VolumeKMS = scalar(res["VolumeKmsKeyId"])
	s.OutputKMS = scalar(object(args["OutputDataConfig"])["KmsKeyId"])
	s.Environment = environment(args["Environment"])
	// Heterogeneous clusters list their instances in groups.
	if groups, ok := res["InstanceGroups"].([]any); ok && !s.InstanceCount.Set {
		s.InstanceCount = groupCount(groups)
	}
	return s
}

// groupCount sums the instance counts of instance groups.
func groupCount(groups []any) Value {
	total := 0
	for _, g := range groups {
		c := scalar(object(g)["InstanceCount"])
		n, err := strconv.Atoi(c.Text)
		if !c.Known || err != nil {
			return Value{Set: true}
		}
		total += n
	}
	return Value{Set: true, Known: true, Text: strconv.Itoa(total)}
}

func object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// scalar reads a literal argument. Objects are runtime expressions
// ({"Get": ...}); strings holding the placeholder are unknown.
func scalar(v any) Value {
	switch t := v.(type) {
	case nil:
		return Value{}
	case string:
		if unknown.In(t) { // a placeholder the Terraform and CloudFormation readers write
			return Value{Set: true}
		}
		return Value{Set: true, Known: true, Text: t}
	case json.Number:
		return Value{Set: true, Known: true, Text: t.String()}
	case bool:
		return Value{Set: true, Known: true, Text: strconv.FormatBool(t)}
	}
	return Value{Set: true}
}

// structure reads an argument that must be an object (VpcConfig): an object
// is known to be there; anything else is a runtime expression.
func structure(v any) Value {
	m, ok := v.(map[string]any)
	switch {
	case v == nil:
		return Value{}
	case ok && !isExpression(m):
		return Value{Set: true, Known: true}
	}
	return Value{Set: true}
}

// isExpression reports whether an object is a pipeline expression such as
// {"Get": "Parameters.Subnets"} rather than a literal structure.
func isExpression(m map[string]any) bool {
	if len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Get" || strings.HasPrefix(k, "Std:")
	}
	return false
}

// environment reads an environment map; a map that is itself an expression
// yields one unknown entry, so it is never taken for empty.
func environment(v any) map[string]Value {
	m, ok := v.(map[string]any)
	if v == nil {
		return nil
	}
	if !ok || isExpression(m) {
		return map[string]Value{"": {Set: true}}
	}
	out := make(map[string]Value, len(m))
	for k, e := range m {
		out[k] = scalar(e)
	}
	return out
}

// inputArgs are the arguments of each step type that name what it reads.
var inputArgs = map[string][]string{
	"Training":   {"InputDataConfig"},
	"Processing": {"ProcessingInputs"},
	"Transform":  {"TransformInput"},
}

// inputs returns the known s3:// locations under a step's input arguments,
// with {"Get": "Parameters.X"} read as the parameter's default. A tuning
// step reads the InputDataConfig of its training job definitions.
func (d *Definition) inputs(typ string, args map[string]any) []string {
	var out []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 10*MaxNesting {
			return
		}
		switch t := v.(type) {
		case string:
			if strings.HasPrefix(t, "s3://") && !unknown.In(t) && !slices.Contains(out, t) {
				out = append(out, t)
			}
		case []any:
			for _, e := range t {
				walk(e, depth+1)
			}
		case map[string]any:
			if get, ok := t["Get"].(string); ok && len(t) == 1 {
				if name, ok := strings.CutPrefix(get, "Parameters."); ok {
					walk(d.params[name], depth+1)
				}
				return
			}
			for _, e := range t {
				walk(e, depth+1)
			}
		}
	}
	for _, k := range inputArgs[typ] {
		walk(args[k], 0)
	}
	if typ == "Tuning" {
		walk(object(args["TrainingJobDefinition"])["InputDataConfig"], 0)
		defs, _ := args["TrainingJobDefinitions"].([]any)
		for _, def := range defs {
			walk(object(def)["InputDataConfig"], 0)
		}
	}
	slices.Sort(out)
	return out
}

// collectURIs gathers the s3:// strings of a decoded document, once each.
func (d *Definition) collectURIs(v any, depth int) {
	if depth > 10*MaxNesting {
		return
	}
	switch t := v.(type) {
	case string:
		if strings.HasPrefix(t, "s3://") && !unknown.In(t) {
			for _, u := range d.S3URIs {
				if u == t {
					return
				}
			}
			d.S3URIs = append(d.S3URIs, t)
		}
	case []any:
		for _, e := range t {
			d.collectURIs(e, depth+1)
		}
	case map[string]any:
		for _, e := range t {
			d.collectURIs(e, depth+1)
		}
	}
}
