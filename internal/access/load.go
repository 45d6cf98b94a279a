package access

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/mlguard/mlguard/internal/awsarn"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

// Load reads an account's infrastructure as code as scan reads it, with no
// rules and with the account known to the Terraform reader, so that the
// ARNs of resources whose names are configured are known; it appends the
// AWS models to the account. Inputs that could not be read are returned:
// the analysis of an account read in part would be wrong.
func Load(ctx context.Context, a *Account, targets []scan.Target, opts scan.Options) (source.Diagnostics, error) {
	opts.Rules = []*rule.Rule{}
	opts.Terraform.AWS = &awsarn.Account{ID: a.ID, Region: a.Region}
	// CloudFormation's pseudo parameters, unless --cfn-param sets them.
	params := maps.Clone(opts.CloudFormation.Params)
	if params == nil {
		params = map[string]string{}
	}
	for k, v := range map[string]string{"AWS::AccountId": a.ID, "AWS::Region": a.Region} {
		if _, set := params[k]; !set && v != "" {
			params[k] = v
		}
	}
	opts.CloudFormation.Params = params
	var mu sync.Mutex
	opts.OnInput = func(_ string, in *rule.Input) {
		if in.AWS == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		a.Models = append(a.Models, in.AWS)
	}
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", a.Dir, err)
	}
	return res.Errors, nil
}
