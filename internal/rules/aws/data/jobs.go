package data

import (
	"strings"

	"github.com/mlguard/mlguard/internal/dataclass"
	"github.com/mlguard/mlguard/internal/pipeline"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "AWS-DATA-005", Slug: "personal-data-job-isolation",
			Title:    "SageMaker job that reads personal data runs outside a VPC or without network isolation",
			Severity: rule.High, Category: rule.Isolation,
			Resources:  []string{"aws_sagemaker_pipeline", "AWS::SageMaker::Pipeline"},
			Frameworks: framework.NetworkBoundary("SageMaker.5"),
			Rationale: "A training, tuning or processing job reads its whole input into containers that run its code and every " +
				"library that code pulls in. Outside a VPC the job has a path to the internet; without network isolation its " +
				"containers can open connections even inside one. Either way one compromised dependency can send the personal " +
				"data it was given anywhere, and no endpoint policy or flow log sees it.",
			Remediation: "Give the step a VpcConfig (NetworkConfig.VpcConfig for processing) with private subnets and set " +
				"EnableNetworkIsolation (NetworkConfig.EnableNetworkIsolation) to true; reach S3 through a gateway endpoint.",
			Fixes: map[string]string{"terraform": `"VpcConfig": {
  "Subnets": ["subnet-0a1b2c3d"],
  "SecurityGroupIds": ["sg-0a1b2c3d"]
},
"EnableNetworkIsolation": true`, "cloudformation": `"NetworkConfig": {
  "EnableNetworkIsolation": true,
  "VpcConfig": {"Subnets": ["${PrivateSubnet}"], "SecurityGroupIds": ["${JobSecurityGroup}"]}
}`},
			Defaults: []string{"checked only for training, tuning and processing steps whose inputs (InputDataConfig, " +
				"ProcessingInputs; pipeline parameters at their defaults) are under a location a classification says holds personal " +
				"data or secrets; inputs computed at run time are not matched",
				"VpcConfig: absent -> the job runs outside your VPCs",
				"EnableNetworkIsolation: absent -> false"},
			References: []string{"https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html",
				"https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html"},
		},
		Check: func(in *rule.Input) []rule.Result {
			var out []rule.Result
			byName := named(in)
			for _, p := range in.AWS.Pipelines {
				for _, s := range p.Steps {
					held := append(reads(in.Data, s), reads(byName, s)...)
					if len(held) == 0 {
						continue
					}
					if gaps := isolationGaps(s); len(gaps) > 0 {
						out = append(out, rule.NewResult(p.Resource, p.Definition, "step:"+s.Path+":"+strings.Join(gaps, ","),
							"%s: %s step %q reads %s, and %s", p.Address, s.Type, s.Path, dataclass.Describe(held), strings.Join(gaps, " and ")))
					}
				}
			}
			return out
		},
	})
}

// named is the buckets classified by address whose names are known, as
// locations, so that a step reading them by name is matched.
func named(in *rule.Input) *dataclass.Map {
	m := &dataclass.Map{}
	for _, b := range in.AWS.Buckets {
		if !b.Name.Known() {
			continue
		}
		for _, e := range in.Data.Stored(dataclass.S3, b.Name.Value, true, b.Address) {
			if e.Resource != "" {
				m.Add(dataclass.Entry{Location: dataclass.Location{Cloud: dataclass.S3, Bucket: b.Name.Value}, Classes: e.Classes, Source: e.Source})
			}
		}
	}
	return m
}

// reads returns the classified entries a step's inputs reach.
func reads(m *dataclass.Map, s pipeline.Step) []dataclass.Entry {
	if !s.Has(pipeline.SetVPC) || !s.Has(pipeline.SetNetworkIsolation) {
		return nil
	}
	var out []dataclass.Entry
	for _, uri := range s.Reads {
		if l, err := dataclass.ParseLocation(uri); err == nil {
			out = append(out, m.Read(l)...)
		}
	}
	return out
}

// isolationGaps says what keeps a step from running in a VPC with network
// isolation; a setting computed at run time is no gap.
func isolationGaps(s pipeline.Step) []string {
	var gaps []string
	if s.VPC.Absent() {
		gaps = append(gaps, "it has no VpcConfig")
	}
	switch {
	case s.NetworkIsolation.Absent():
		gaps = append(gaps, "EnableNetworkIsolation is not set (default false)")
	case s.NetworkIsolation.Is("false"):
		gaps = append(gaps, "EnableNetworkIsolation is false")
	}
	return gaps
}
