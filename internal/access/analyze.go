package access

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/mlguard/mlguard/internal/awsarn"
	"github.com/mlguard/mlguard/internal/iam"
	"github.com/mlguard/mlguard/internal/unknown"
)

// capability is what a principal can do to an asset, and the actions
// that make it (all of them must be allowed).
type capability struct {
	name    string
	actions []string
	// keyAction is the KMS action the capability also needs on the
	// asset's customer managed key ("" for none).
	keyAction string
}

// capabilities by asset kind. The actions are those the Service
// Authorization Reference lists for each operation.
var capabilities = map[string][]capability{
	KindBucket:   {{"read", []string{"s3:GetObject"}, "kms:Decrypt"}, {"write", []string{"s3:PutObject"}, "kms:GenerateDataKey"}},
	KindKey:      {{"decrypt", []string{"kms:Decrypt"}, ""}},
	KindRepo:     {{"pull", []string{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}, ""}, {"push", []string{"ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"}, ""}},
	KindSecret:   {{"read", []string{"secretsmanager:GetSecretValue"}, "kms:Decrypt"}},
	KindRegistry: {{"register", []string{"sagemaker:CreateModelPackage"}, ""}, {"read", []string{"sagemaker:DescribeModelPackage"}, ""}},
	KindEndpoint: {{"invoke", []string{"sagemaker:InvokeEndpoint"}, ""}},
	KindFeatures: {{"read", []string{"sagemaker:GetRecord"}, ""}, {"write", []string{"sagemaker:PutRecord"}, ""}},
	KindModel:    {{"invoke", []string{"bedrock:InvokeModel"}, ""}},
	KindRole:     {{"assume", []string{"sts:AssumeRole"}, ""}},
}

// mlCreate are the calls that start ML work running as a role passed to
// it: with iam:PassRole on the role, a principal acts as that role.
var mlCreate = map[string][]string{
	"sagemaker.amazonaws.com": {"sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePipeline", "sagemaker:CreateModel"},
	"bedrock.amazonaws.com":   {"bedrock:CreateModelCustomizationJob", "bedrock:CreateAgent", "bedrock:CreateModelInvocationJob"},
}

// Analyze builds the access graph of the accounts and its findings.
func Analyze(ctx context.Context, accounts []*Account, opts Options) (*Graph, error) {
	b := &builder{g: &Graph{}, opts: opts, accounts: map[string]*Account{}, managed: map[string]*iam.Policy{}}
	b.g.b = b
	for _, a := range accounts {
		if !awsarn.IsAccountID(a.ID) {
			return nil, fmt.Errorf("account %q of %s is not a 12-digit account ID", a.ID, a.Dir)
		}
		if b.accounts[a.ID] != nil {
			b.accounts[a.ID].Models = append(b.accounts[a.ID].Models, a.Models...)
			continue
		}
		b.accounts[a.ID] = a
	}
	ids := make([]string, 0, len(b.accounts))
	for id := range b.accounts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	uniq := make([]*Account, 0, len(ids))
	for _, id := range ids {
		uniq = append(uniq, b.accounts[id])
	}
	for _, a := range uniq {
		b.collect(a)
	}
	b.resolveOrg(uniq)
	if err := b.decideAll(ctx); err != nil {
		return nil, err
	}
	b.openings()
	b.g.sort()
	b.g.Findings = findings(b.g, b.trusted())
	return b.g, nil
}

// trusted are the accounts of the analysis and of the organization's units.
func (b *builder) trusted() iam.Trusted {
	t := iam.Trusted{Accounts: map[string]bool{}, OrgID: b.opts.OrgID}
	for id := range b.accounts {
		t.Accounts[id] = true
	}
	for _, accts := range b.opts.Units {
		for _, id := range accts {
			t.Accounts[id] = true
		}
	}
	return t
}

// decideAll decides, for every principal of the analysis, its capabilities
// on every asset it may reach: those of its own account, and those of
// other accounts whose resource policy names it, its account or everyone.
// Principals are decided in parallel; each writes only its own edges.
func (b *builder) decideAll(ctx context.Context) error {
	byAccount := map[string][]*Node{}
	named := map[string][]*Node{} // account ID, ARN or "*" → assets whose policy names it
	var principals []*Node
	for _, n := range b.g.Nodes {
		if n.Principal() {
			principals = append(principals, n)
		}
		if _, ok := capabilities[n.Kind]; ok {
			byAccount[n.Account] = append(byAccount[n.Account], n)
			for _, id := range namedIn(n.policy) {
				named[id] = append(named[id], n)
			}
		}
	}
	work := make(chan *Node)
	var wg sync.WaitGroup
	edges := make([][]*Edge, len(principals))
	index := map[*Node]int{}
	for i, p := range principals {
		index[p] = i
	}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				edges[index[p]] = b.decidePrincipal(p, candidates(p, byAccount, named))
			}
		}()
	}
	var err error
	for _, p := range principals {
		if err = ctx.Err(); err != nil {
			break
		}
		work <- p
	}
	close(work)
	wg.Wait()
	if err != nil {
		return err
	}
	for _, es := range edges {
		for _, e := range es {
			b.g.connect(e)
		}
	}
	return nil
}

// namedIn lists the accounts, ARNs and "*" a resource policy's Allow
// statements name as principals.
func namedIn(p *iam.Policy) []string {
	if p == nil {
		return nil
	}
	var out []string
	for _, s := range p.Statements {
		if !strings.EqualFold(s.Effect, "Allow") {
			continue // a deny grants no one
		}
		if s.NotPrincipal != nil || (s.Principal != nil && s.Principal.All) {
			out = append(out, "*")
			continue
		}
		if s.Principal == nil {
			continue
		}
		for _, id := range s.Principal.IDs["AWS"] {
			switch acct := awsarn.AccountOf(id); {
			case awsarn.IsAccountID(id):
				out = append(out, id)
			case acct != "" && strings.HasSuffix(id, ":root"):
				out = append(out, acct)
			case unknown.In(id):
				out = append(out, "*") // it may name anyone
			default:
				out = append(out, id)
			}
		}
	}
	return out
}

// candidates are the assets a principal may reach: those of its account,
// then those of other accounts whose policies name it.
func candidates(p *Node, byAccount, named map[string][]*Node) []*Node {
	own := byAccount[p.Account]
	out := make([]*Node, 0, len(own))
	for _, n := range own {
		if n != p {
			out = append(out, n)
		}
	}
	seen := map[*Node]bool{}
	for _, list := range [][]*Node{named[p.Account], named[p.ID], named["*"]} {
		for _, n := range list {
			if n.Account != p.Account && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// decidePrincipal decides a principal's capabilities on its candidates,
// and iam:PassRole on the roles of its account that ML services assume.
func (b *builder) decidePrincipal(p *Node, assets []*Node) []*Edge {
	var out []*Edge
	for _, x := range assets {
		for _, c := range capabilities[x.Kind] {
			if e := b.decide(p, x, c); e != nil {
				out = append(out, e)
			}
		}
		if x.Kind == KindRole && x.Account == p.Account {
			if e := b.decidePass(p, x); e != nil {
				out = append(out, e)
			}
		}
	}
	return out
}

// decide asks the IAM engine whether p has capability c on x: every action
// of it, on the resource it applies to, and the KMS action on x's key.
func (b *builder) decide(p, x *Node, c capability) *Edge {
	e := &Edge{From: p, To: x, Capability: c.name}
	for _, action := range c.actions {
		v, prefix, ok := b.allowedOn(p, x, action)
		if !ok {
			return nil
		}
		e.merge(v)
		if prefix != "" {
			e.Notes = append(e.Notes, "only under "+prefix)
		}
	}
	if c.keyAction == "" {
		return e
	}
	switch x.keyState {
	case keyCustomer:
		v := b.judge(p, x.key, c.keyAction, x.key.ID)
		if v.Decision != iam.Allowed {
			return nil
		}
		e.merge(v)
		if e.Notes == nil {
			e.Notes = x.key.keyNotes[c.keyAction] // shared, never appended to in place: len == cap
		} else {
			e.Notes = append(e.Notes, x.key.keyNotes[c.keyAction]...)
		}
	case keyAWSManaged:
		if p.Account != x.Account {
			return nil // an AWS managed key cannot be used from another account
		}
	case keyUnknown:
		e.Conditional = true
		e.Keys = append(e.Keys, "the encryption key (not known before apply)")
	}
	return e
}

// allowedOn decides an action of p on x: on the whole asset, or failing
// that on one of the prefixes its policies name.
func (b *builder) allowedOn(p, x *Node, action string) (iam.Verdict, string, bool) {
	if v := b.judge(p, x, action, x.probe); v.Decision == iam.Allowed {
		return v, "", true
	}
	if x.Kind != KindBucket {
		return iam.Verdict{}, "", false
	}
	for _, res := range probes(p, x, action)[1:] {
		if v := b.judge(p, x, action, res.arn); v.Decision == iam.Allowed {
			return v, res.prefix, true
		}
	}
	return iam.Verdict{}, "", false
}

func (e *Edge) merge(v iam.Verdict) {
	if v.Conditional {
		e.Conditional = true
		e.Keys = append(e.Keys, v.Keys...)
		sort.Strings(e.Keys)
		e.Keys = dedupe(e.Keys)
	}
}

// probe is a resource a capability is asked on.
type probe struct{ arn, prefix string }

// probes are the resources to ask an action on: the asset itself; for S3
// objects "any object" (bucket/*) and then each prefix a policy names, so
// that access limited to a prefix is found and said.
func probes(p, x *Node, action string) []probe {
	switch x.Kind {
	case KindBucket:
		out := []probe{{arn: x.ID + "/*"}}
		for _, pre := range prefixes(x.ID+"/", append(append([]*iam.Policy(nil), p.identity...), x.policy)) {
			out = append(out, probe{arn: x.ID + "/" + pre + "*", prefix: pre})
		}
		return out
	case KindRegistry:
		// Model packages of a group are named model-package/GROUP/VERSION.
		return []probe{{arn: strings.Replace(x.ID, ":model-package-group/", ":model-package/", 1) + "/1"}}
	}
	return []probe{{arn: x.ID}}
}

// prefixes lists the object prefixes of a bucket the policies name:
// the literal text after bucket/ up to the first wildcard.
func prefixes(object string, pols []*iam.Policy) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range pols {
		if p == nil {
			continue
		}
		for _, s := range p.Statements {
			for _, r := range s.Resource {
				rest, ok := strings.CutPrefix(r, object)
				if !ok {
					continue
				}
				if i := strings.IndexAny(rest, "*?$"); i >= 0 {
					rest = rest[:i]
				}
				if rest != "" && !seen[rest] {
					seen[rest] = true
					out = append(out, rest)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// decidePass decides whether p can hand role r to an ML service that r
// trusts and start work there: iam:PassRole on r with iam:PassedToService
// the service, and one of the service's create calls.
func (b *builder) decidePass(p, r *Node) *Edge {
	for _, svc := range r.services {
		creates := mlCreate[strings.ToLower(svc)]
		if creates == nil {
			continue
		}
		pass := b.judgeWith(p, r, "iam:PassRole", r.ID, map[string][]string{"iam:PassedToService": {svc}}, nil)
		if pass.Decision != iam.Allowed {
			continue
		}
		for _, action := range creates {
			res := fmt.Sprintf("arn:aws:%s:%s:%s:*", strings.SplitN(action, ":", 2)[0], regionOf(r.ID), p.Account)
			v := b.judgeWith(p, nil, action, res, nil, nil)
			if v.Decision != iam.Allowed {
				continue
			}
			e := &Edge{From: p, To: r, Capability: "pass", Notes: []string{fmt.Sprintf("to %s with %s", svc, action)}}
			e.merge(pass)
			e.merge(v)
			return e
		}
	}
	return nil
}

// regionOf returns the region field of an ARN, "*" when it has none.
func regionOf(arn string) string {
	rest := arn
	for range 3 {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return "*"
		}
		rest = rest[i+1:]
	}
	i := strings.IndexByte(rest, ':')
	if i <= 0 {
		return "*"
	}
	return rest[:i]
}

func (b *builder) judge(p, x *Node, action, resource string) iam.Verdict {
	return b.judgeWith(p, x, action, resource, nil, x.policy)
}

// judgeWith evaluates one request of principal p on asset x (nil for an
// action without a resource policy) with the keys the analysis knows.
func (b *builder) judgeWith(p, x *Node, action, resource string, extra map[string][]string, resourcePolicy *iam.Policy) iam.Verdict {
	ctx := b.context(p, x)
	if extra != nil {
		ctx = maps.Clone(ctx)
		maps.Copy(ctx, extra)
	}
	req := iam.Request{Principal: p.ID, Action: action, Resource: resource, Context: ctx, Open: true}
	pols := iam.Policies{Identity: p.identity, Boundary: p.boundary, SCPs: b.org.scps[p.Account], Resource: resourcePolicy}
	if x != nil {
		pols.RCPs = b.org.rcps[x.Account]
		pols.CrossAccount = x.Account != "" && x.Account != p.Account
		pols.KeyPolicy = x.Kind == KindKey
		if pols.CrossAccount && resourcePolicy == nil {
			return iam.Verdict{Decision: iam.ImplicitDeny}
		}
	}
	return iam.Judge(req, pols)
}

// context holds the condition keys the analysis knows of a request by p
// on x. A principal's own call carries no source keys; the caller chooses
// to use TLS; keys left out (source address, VPC endpoint, tags, user
// agent) are not known, and conditions on them make an allow conditional.
// The keys differ only with the resource's account and region, so each
// principal keeps the few it needs; a principal is decided by one goroutine
// at a time, which is what lets it keep them unlocked.
func (b *builder) context(p, x *Node) map[string][]string {
	acct, region := "", p.region
	if x != nil {
		acct = x.Account
		if r := regionOf(x.ID); r != "*" {
			region = r
		} else if x.region != "" {
			region = x.region
		}
	}
	key := contextKey{acct, region}
	if ctx, ok := p.contexts[key]; ok {
		return ctx
	}
	if p.contexts == nil {
		p.contexts = map[contextKey]map[string][]string{}
	}
	ctx := b.newContext(p, acct, region)
	p.contexts[key] = ctx
	return ctx
}

// newContext builds the keys of a request by p to a resource of the
// account, in the region.
func (b *builder) newContext(p *Node, account, region string) map[string][]string {
	ctx := map[string][]string{
		"aws:PrincipalArn":          {p.ID},
		"aws:PrincipalAccount":      {p.Account},
		"kms:CallerAccount":         {p.Account},
		"aws:PrincipalIsAWSService": {"false"},
		"aws:SecureTransport":       {"true"},
		"aws:SourceAccount":         nil,
		"aws:SourceArn":             nil,
		"aws:SourceOwner":           nil,
		"aws:SourceOrgID":           nil,
		"aws:SourceOrgPaths":        nil,
		"aws:PrincipalServiceName":  nil,
	}
	if b.opts.OrgID != "" {
		ctx["aws:PrincipalOrgID"] = []string{b.opts.OrgID}
	}
	switch p.Kind {
	case KindRole:
		ctx["aws:PrincipalType"] = []string{"AssumedRole"}
	case KindUser:
		ctx["aws:PrincipalType"] = []string{"User"}
		ctx["aws:username"] = []string{p.Name}
	}
	if account != "" {
		ctx["aws:ResourceAccount"] = []string{account}
	}
	// A request goes to the region of the resource it names, or else of
	// the principal's account.
	if region != "" {
		ctx["aws:RequestedRegion"] = []string{region}
	}
	return ctx
}
