// Package iac finds the ML networks in infrastructure as code, read as
// mlguard scan reads it; kept apart from mlnet so that audit does not
// depend on the scanner.
package iac

import (
	"context"
	"fmt"
	"sync"

	"github.com/mlguard/mlguard/internal/audit/mlnet"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/scan"
	"github.com/mlguard/mlguard/internal/source"
)

// Load reads infrastructure as code as mlguard scan reads it, with no
// rules, and finds its ML networks. Inputs that could not be read are
// returned with the networks: flow logs judged against half the code would
// be judged wrong, so the caller reports them.
func Load(ctx context.Context, targets []scan.Target) (mlnet.Networks, []string, source.Diagnostics, error) {
	var mu sync.Mutex
	var models []*aws.Model
	opts := scan.Options{Rules: []*rule.Rule{}, OnInput: func(_ string, in *rule.Input) {
		if in.AWS == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		models = append(models, in.AWS)
	}}
	res, err := scan.Run(ctx, targets, opts)
	if err != nil {
		return mlnet.Networks{}, nil, nil, fmt.Errorf("read the infrastructure as code: %w", err)
	}
	n, unplaced := mlnet.FromModels(models)
	return n, unplaced, res.Errors, nil
}
