package pipeline

import (
	"os"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	data, err := os.ReadFile("testdata/definition.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]Step{}
	var paths []string
	for _, s := range d.Steps {
		steps[s.Path] = s
		paths = append(paths, s.Path)
	}
	if got := strings.Join(paths, ","); got != "Prepare,Train,Check/IfSteps/Register,Tune/TrainingJobDefinitions[0],Score" {
		t.Fatalf("steps: %s", got)
	}
	cases := []struct {
		name string
		got  Value
		want Value
	}{
		{"processing VPC", steps["Prepare"].VPC, Value{Set: true, Known: true}},
		{"processing isolation", steps["Prepare"].NetworkIsolation, Value{Set: true, Known: true, Text: "true"}},
		{"processing output key", steps["Prepare"].OutputKMS, Value{Set: true, Known: true, Text: "arn:aws:kms:eu-west-1:111122223333:key/k"}},
		{"training count from a parameter", steps["Train"].InstanceCount, Value{Set: true}},
		{"training volume key placeholder", steps["Train"].VolumeKMS, Value{Set: true}},
		{"training output key absent", steps["Train"].OutputKMS, Value{}},
		{"training VPC absent", steps["Train"].VPC, Value{}},
		{"training encryption", steps["Train"].InterContainer, Value{Set: true, Known: true, Text: "false"}},
		{"nested model VPC expression", steps["Check/IfSteps/Register"].VPC, Value{Set: true}},
		{"tuning instance groups", steps["Tune/TrainingJobDefinitions[0]"].InstanceCount, Value{Set: true, Known: true, Text: "3"}},
		{"transform volume key absent", steps["Score"].VolumeKMS, Value{}},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if env := steps["Train"].Environment["WANDB_API_KEY"]; !env.Known {
		t.Errorf("training environment: %+v", env)
	}
	if got := strings.Join(d.S3URIs, ","); !strings.Contains(got, "s3://models/") || !strings.Contains(got, "s3://out/") {
		t.Errorf("S3 locations: %s", got)
	}
	if steps["Score"].Has(SetVPC) || !steps["Score"].Has(SetOutputKMS) {
		t.Error("a transform step carries output and volume keys but no VPC config")
	}
}

func TestParseRejects(t *testing.T) {
	for name, in := range map[string]string{
		"not JSON":         `{"Steps": [`,
		"steps not a list": `{"Steps": {"Name": "x"}}`,
		"too deep":         `{"Steps": [` + strings.Repeat(`{"Type": "Condition", "Arguments": {"IfSteps": [`, MaxNesting+2) + strings.Repeat(`]}}`, MaxNesting+2) + `]}`,
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/definition.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"Steps": [{"Type": "Condition", "Arguments": {"IfSteps": [{"Type": "Training"}]}}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := Parse(in)
		if err == nil && d == nil {
			t.Fatal("nil definition without an error")
		}
	})
}

// TestReads: the inputs a step reads, parameters at their defaults, and
// nothing from its outputs or from values computed at run time.
func TestReads(t *testing.T) {
	d, err := Parse([]byte(`{"Parameters": [{"Name": "In", "Type": "String", "DefaultValue": "s3://b/in/"}],
	"Steps": [
	  {"Name": "Train", "Type": "Training", "Arguments": {
	    "InputDataConfig": [{"DataSource": {"S3DataSource": {"S3Uri": {"Get": "Parameters.In"}}}},
	                        {"DataSource": {"S3DataSource": {"S3Uri": "s3://b/extra/"}}},
	                        {"DataSource": {"S3DataSource": {"S3Uri": {"Get": "Steps.Prep.ProcessingOutputConfig.Outputs['x'].S3Output.S3Uri"}}}}],
	    "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
	    "HyperParameters": {"sagemaker_submit_directory": "s3://b/code.tar.gz"}}},
	  {"Name": "Prep", "Type": "Processing", "Arguments": {
	    "ProcessingInputs": [{"S3Input": {"S3Uri": "s3://b/raw/"}}],
	    "ProcessingOutputConfig": {"Outputs": [{"S3Output": {"S3Uri": "s3://b/prepared/"}}]}}},
	  {"Name": "Tune", "Type": "Tuning", "Arguments": {"TrainingJobDefinition": {
	    "InputDataConfig": [{"DataSource": {"S3DataSource": {"S3Uri": "s3://b/tune/"}}}],
	    "OutputDataConfig": {"S3OutputPath": "s3://b/tuned/"}}}}
	]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Train": "s3://b/extra/ s3://b/in/", "Prep": "s3://b/raw/", "Tune": "s3://b/tune/"}
	for _, s := range d.Steps {
		if got := strings.Join(s.Reads, " "); got != want[s.Path] {
			t.Errorf("%s reads %q, want %q", s.Path, got, want[s.Path])
		}
	}
}
