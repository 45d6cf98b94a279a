package terraform

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/mlguard/mlguard/internal/awsarn"
)

// deployed returns the attributes of a resource instance that its
// configuration and Options.AWS determine although the provider computes
// them: the ARN of the types awsarn knows, the account of
// aws_caller_identity, the region and partition data sources. Without
// Options.AWS, or when a part is unknown, it returns nothing and they stay
// unknown as every computed attribute does.
func (in *instance) deployed(rc *resourceConfig, b *Block, addr string) map[string]cty.Value {
	if in.l.opts.AWS == nil {
		return nil
	}
	acct := *in.l.opts.AWS
	if acct.Region == "" && in.root != nil {
		// The region of the root module's aws provider, when written out.
		acct.Region = in.root.awsRegion
	}
	str := func(v string) cty.Value { return cty.StringVal(v) }
	partition := acct.Partition
	if partition == "" {
		partition = "aws"
	}
	if rc.mode == "data" {
		switch rc.typ {
		case "aws_caller_identity":
			return map[string]cty.Value{"account_id": str(acct.ID)}
		case "aws_partition":
			return map[string]cty.Value{"partition": str(partition)}
		case "aws_region":
			if acct.Region != "" {
				return map[string]cty.Value{"name": str(acct.Region), "region": str(acct.Region)}
			}
		}
		return nil
	}
	arn, ok := awsarn.Of(acct, rc.typ, addr, func(name string) (string, bool) {
		a := b.Attrs[name]
		if a == nil || !a.Value.IsKnown() || a.Value.IsNull() || a.Value.Type() != cty.String {
			return "", false
		}
		return a.Value.AsString(), true
	})
	if !ok {
		return nil
	}
	return map[string]cty.Value{"arn": str(arn)}
}
