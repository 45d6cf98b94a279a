package aws

import (
	"strings"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// Provider and API defaults read here (hashicorp/aws 5.100.0; S3, ECR, KMS,
// CloudWatch Logs and Secrets Manager API references):
//   aws_s3_bucket: no default encryption configured -> SSE-S3 (AES256) for new objects
//   aws_s3_bucket: no public access block -> all four settings on for buckets created since April 2023
//   aws_s3_bucket_public_access_block.*: each setting false when not written
//   aws_s3_bucket_versioning: absent -> versioning Disabled
//   apply_server_side_encryption_by_default.kms_master_key_id: absent with aws:kms -> AWS managed key aws/s3
//   aws_ecr_repository.image_tag_mutability                Default "MUTABLE"
//   aws_ecr_repository.image_scanning_configuration.scan_on_push: no block -> false
//   aws_ecr_repository.encryption_configuration.encryption_type Default "AES256"
//   aws_kms_key.enable_key_rotation                        Default false
//   aws_kms_key.customer_master_key_spec                   Default "SYMMETRIC_DEFAULT"
//   aws_secretsmanager_secret.kms_key_id: absent -> AWS managed key aws/secretsmanager

// bucketPart is a setting declared apart from its bucket (the provider's
// aws_s3_bucket_* resources), applied once every bucket is known.
type bucketPart struct {
	bucket model.Ref
	aspect string
	apply  func(*aws.Bucket)
	policy *aws.PolicyDocument // of a bucket policy
}

// bucketInline are aws_s3_bucket's deprecated inline settings. They are
// optional and computed, so a plan shows them unknown whenever the
// configuration leaves them to the separate aws_s3_bucket_* resources.
var bucketInline = []string{"policy", "versioning", "server_side_encryption_configuration", "acl", "logging"}

func (a *adapter) bucket(d *terraform.Resource, res model.Resource) {
	b := d.Body
	if d.Format == terraform.FormatPlan {
		b = withoutComputed(b, bucketInline)
	}
	bk := &aws.Bucket{Resource: res, Name: tfattr.Str(b, "bucket", ""), Versioning: tfattr.Str(b, "versioning", "Disabled"), ACL: tfattr.Str(b, "acl", "private")}
	if !bk.Name.Explicit {
		bk.Name.Unknown = true // a generated name
	}
	// Deprecated inline forms, still accepted by the provider.
	if v, _ := tfattr.First(b, "versioning"); v != nil {
		en := tfattr.Bool(v, "enabled", false)
		bk.Versioning = model.String{Meta: en.Meta, Value: map[bool]string{true: "Enabled", false: "Disabled"}[en.Value]}
	}
	if sse, _ := tfattr.First(b, "server_side_encryption_configuration"); sse != nil {
		bk.Encryption = encryption(sse)
	}
	if p := b.Attr("policy"); p != nil {
		bk.Policies = append(bk.Policies, document(b, "policy", "bucket policy", res))
	}
	if lg, unknown := tfattr.First(b, "logging"); lg != nil || unknown {
		bk.Logging = lg != nil
		if unknown {
			bk.Uncertain = map[string]bool{"logging": true}
		}
	}
	a.m.Buckets = append(a.m.Buckets, bk)
}

// encryption reads rule { apply_server_side_encryption_by_default { ... } }.
func encryption(b *terraform.Block) *aws.BucketEncryption {
	r, _ := tfattr.First(b, "rule")
	def, _ := tfattr.First(r, "apply_server_side_encryption_by_default")
	if def == nil {
		return nil
	}
	return &aws.BucketEncryption{Meta: tfattr.BlockMeta(def), Algorithm: tfattr.Str(def, "sse_algorithm", ""), KMSKey: tfattr.Ref(def, "kms_master_key_id")}
}

func (a *adapter) bucketEncryption(d *terraform.Resource, _ model.Resource) {
	enc := encryption(d.Body)
	a.parts = append(a.parts, bucketPart{bucket: tfattr.Ref(d.Body, "bucket"), aspect: "encryption", apply: func(b *aws.Bucket) { b.Encryption = enc }})
}

func (a *adapter) publicAccessBlock(d *terraform.Resource, res model.Resource) {
	b := d.Body
	pab := &aws.PublicAccessBlock{
		Meta: model.Meta{Range: res.Range, Explicit: true}, Source: res,
		BlockPublicACLs: tfattr.Bool(b, "block_public_acls", false), BlockPublicPolicy: tfattr.Bool(b, "block_public_policy", false),
		IgnorePublicACLs: tfattr.Bool(b, "ignore_public_acls", false), RestrictPublicBuckets: tfattr.Bool(b, "restrict_public_buckets", false),
	}
	a.parts = append(a.parts, bucketPart{bucket: tfattr.Ref(b, "bucket"), aspect: "public_access_block", apply: func(bk *aws.Bucket) { bk.PublicAccessBlock = pab }})
}

func (a *adapter) bucketPolicy(d *terraform.Resource, res model.Resource) {
	doc := document(d.Body, "policy", "bucket policy", res)
	a.parts = append(a.parts, bucketPart{bucket: tfattr.Ref(d.Body, "bucket"), aspect: "policy", policy: &doc,
		apply: func(b *aws.Bucket) { b.Policies = append(b.Policies, doc) }})
}

func (a *adapter) bucketVersioning(d *terraform.Resource, _ model.Resource) {
	vc, unknown := tfattr.First(d.Body, "versioning_configuration")
	status := model.String{Meta: model.Meta{Range: d.Range, Unknown: unknown}, Value: "Disabled"}
	if vc != nil {
		status = tfattr.Str(vc, "status", "Disabled")
	}
	a.parts = append(a.parts, bucketPart{bucket: tfattr.Ref(d.Body, "bucket"), aspect: "versioning", apply: func(b *aws.Bucket) { b.Versioning = status }})
}

func (a *adapter) bucketACL(d *terraform.Resource, _ model.Resource) {
	acl := tfattr.Str(d.Body, "acl", "")
	if !acl.Explicit {
		return // an access_control_policy grant list: not a canned ACL
	}
	a.parts = append(a.parts, bucketPart{bucket: tfattr.Ref(d.Body, "bucket"), aspect: "acl", apply: func(b *aws.Bucket) { b.ACL = acl }})
}

// bucketsOf finds the buckets a reference names: by link, by name, by ARN or
// by s3:// URI.
func (a *adapter) bucketsOf(r model.Ref) []*aws.Bucket {
	var out []*aws.Bucket
	for _, t := range r.Targets {
		out = append(out, a.m.BucketsOf(t)...)
	}
	if len(out) > 0 || r.Unknown || r.Value == "" {
		return out
	}
	name := BucketName(r.Value)
	for _, b := range a.m.Buckets {
		if b.Name.Is(name) {
			out = append(out, b)
		}
	}
	return out
}

// BucketName extracts a bucket name from a name, an ARN or an s3:// URI.
func BucketName(v string) string {
	v = strings.TrimPrefix(v, "s3://")
	v = strings.TrimPrefix(v, "arn:aws:s3:::")
	name, _, _ := strings.Cut(v, "/")
	return name
}

// linkBuckets applies the separate bucket settings. A setting whose bucket
// cannot be told makes that aspect uncertain for every bucket, so no rule
// reports it missing.
func (a *adapter) linkBuckets() {
	for _, p := range a.parts {
		bs := a.bucketsOf(p.bucket)
		if len(bs) == 0 && p.bucket.Unknown && len(p.bucket.Targets) == 0 {
			for _, b := range a.m.Buckets {
				if b.Uncertain == nil {
					b.Uncertain = map[string]bool{}
				}
				b.Uncertain[p.aspect] = true
			}
		}
		for _, b := range bs {
			p.apply(b)
		}
		if len(bs) == 0 && p.policy != nil {
			a.detach(*p.policy)
		}
	}
	for _, u := range a.bucketUsers() {
		for _, b := range a.bucketsOf(u.ref) {
			b.UsedBy = sortedUnique(append(b.UsedBy, u.user))
		}
	}
}

type bucketUser struct {
	ref  model.Ref
	user string
}

// bucketUsers lists the ML resources that name a bucket.
func (a *adapter) bucketUsers() []bucketUser {
	var out []bucketUser
	for _, m := range a.m.Models {
		for _, c := range m.Containers {
			out = append(out, bucketUser{c.ModelDataURL, m.Address})
		}
	}
	for _, ec := range a.m.EndpointConfigs {
		if ec.DataCapture != nil {
			out = append(out, bucketUser{ec.DataCapture.Destination, ec.Address})
		}
		if ec.AsyncOutput != nil {
			out = append(out, bucketUser{ec.AsyncOutput.Output, ec.Address})
		}
	}
	for _, fg := range a.m.FeatureGroups {
		if fg.Offline != nil {
			out = append(out, bucketUser{fg.Offline.S3URI, fg.Address})
		}
	}
	for _, fd := range a.m.FlowDefinitions {
		out = append(out, bucketUser{fd.OutputURI, fd.Address})
	}
	for _, p := range a.m.Pipelines {
		for _, l := range p.Locations {
			out = append(out, bucketUser{l, p.Address})
		}
	}
	for _, s := range a.m.MLflowServers {
		out = append(out, bucketUser{s.ArtifactStore, s.Address})
	}
	for _, c := range a.m.HyperPodClusters {
		for _, g := range c.Groups {
			out = append(out, bucketUser{g.Lifecycle, c.Address})
		}
	}
	for _, il := range a.m.InvocationLogging {
		for _, b := range il.Buckets {
			out = append(out, bucketUser{b, il.Address})
		}
	}
	return out
}

func (a *adapter) ecrRepository(d *terraform.Resource, res model.Resource) {
	b := d.Body
	r := &aws.Repository{Resource: res, Name: tfattr.Str(b, "name", ""), TagMutability: tfattr.Str(b, "image_tag_mutability", "MUTABLE")}
	if sc, unknown := tfattr.First(b, "image_scanning_configuration"); sc != nil {
		r.ScanOnPush = tfattr.Bool(sc, "scan_on_push", false)
	} else {
		r.ScanOnPush = model.Bool{Meta: model.Meta{Range: res.Range, Unknown: unknown}}
	}
	if ec, unknown := tfattr.First(b, "encryption_configuration"); ec != nil {
		if d.Format == terraform.FormatPlan {
			ec = withoutComputed(ec, []string{"kms_key"}) // computed: the aws/ecr key when not written
		}
		r.EncryptionType, r.KMSKey = tfattr.Str(ec, "encryption_type", "AES256"), tfattr.Ref(ec, "kms_key")
	} else {
		r.EncryptionType = model.String{Meta: model.Meta{Range: res.Range, Unknown: unknown}, Value: "AES256"}
	}
	a.m.Repositories = append(a.m.Repositories, r)
}

func (a *adapter) ecrPolicy(d *terraform.Resource, res model.Resource) {
	doc := document(d.Body, "policy", "repository policy", res)
	a.repoPolicies = append(a.repoPolicies, repoPolicy{repo: tfattr.Ref(d.Body, "repository"), doc: doc})
}

type repoPolicy struct {
	repo model.Ref
	doc  aws.PolicyDocument
}

func (a *adapter) linkRepositories() {
	for _, rp := range a.repoPolicies {
		linked := false
		for _, r := range a.m.Repositories {
			if rp.repo.LinksTo(r.Address) || (rp.repo.Known() && rp.repo.Value != "" && r.Name.Is(rp.repo.Value)) {
				r.Policies, linked = append(r.Policies, rp.doc), true
			}
		}
		if !linked {
			a.detach(rp.doc)
		}
	}
}

// detach keeps a separate policy that applies to no resource of the code,
// so that it is still judged.
func (a *adapter) detach(doc aws.PolicyDocument) {
	a.m.DetachedPolicies = append(a.m.DetachedPolicies, doc)
}

func (a *adapter) registryScanning(_ *terraform.Resource, _ model.Resource) {
	a.m.RegistryScanning = true
}

func (a *adapter) kmsKey(d *terraform.Resource, res model.Resource) {
	b := d.Body
	k := &aws.KMSKey{Resource: res, Rotation: tfattr.Bool(b, "enable_key_rotation", false), Spec: tfattr.Str(b, "customer_master_key_spec", "SYMMETRIC_DEFAULT")}
	if b.Attr("policy") != nil {
		k.Policy = document(b, "policy", "key policy", res)
	}
	a.m.KMSKeys = append(a.m.KMSKeys, k)
}

func (a *adapter) logGroup(d *terraform.Resource, res model.Resource) {
	b := d.Body
	lg := &aws.LogGroup{Resource: res, Name: tfattr.Str(b, "name", ""), KMSKey: tfattr.Ref(b, "kms_key_id"), RetentionDays: tfattr.Int(b, "retention_in_days", 0)}
	if !lg.Name.Explicit {
		lg.Name = tfattr.Str(b, "name_prefix", "")
		lg.Name.Unknown = !lg.Name.Explicit
	}
	a.m.LogGroups = append(a.m.LogGroups, lg)
}

func (a *adapter) secret(d *terraform.Resource, res model.Resource) {
	a.m.Secrets = append(a.m.Secrets, &aws.Secret{Resource: res, Name: tfattr.Str(d.Body, "name", ""),
		KMSKey: tfattr.Ref(d.Body, "kms_key_id"), Policies: ownPolicy(d, "policy", "secret policy", res)})
}

// secretPolicy is a separate secret resource policy, applied to the secret
// it links to once every secret is read.
func (a *adapter) secretPolicy(d *terraform.Resource, res model.Resource) {
	a.secretPolicies = append(a.secretPolicies, repoPolicy{repo: tfattr.Ref(d.Body, "secret_arn"), doc: document(d.Body, "policy", "secret policy", res)})
}

func (a *adapter) linkSecrets() {
	for _, sp := range a.secretPolicies {
		linked := false
		for _, s := range a.m.Secrets {
			if sp.repo.LinksTo(s.Address) {
				s.Policies, linked = append(s.Policies, sp.doc), true
			}
		}
		if !linked {
			a.detach(sp.doc)
		}
	}
}

// withoutComputed drops attributes of a planned block that are unknown only
// because the provider computes them: not written, not derived from any
// resource. It returns a copy; the document is shared.
func withoutComputed(b *terraform.Block, names []string) *terraform.Block {
	cp := *b
	cp.Attrs = make(map[string]*terraform.Attr, len(b.Attrs))
	for k, v := range b.Attrs {
		cp.Attrs[k] = v
	}
	for _, n := range names {
		if at := cp.Attrs[n]; at != nil && !at.Value.IsKnown() && len(at.Refs) == 0 {
			delete(cp.Attrs, n)
		}
	}
	return &cp
}

func (a *adapter) bucketLogging(d *terraform.Resource, res model.Resource) {
	a.parts = append(a.parts, bucketPart{bucket: tfattr.Ref(d.Body, "bucket"), aspect: "logging", apply: func(b *aws.Bucket) { b.Logging = true }},
		bucketPart{bucket: tfattr.Ref(d.Body, "target_bucket"), aspect: "log_target", apply: func(b *aws.Bucket) { b.LogTarget = true }})
}

func (a *adapter) topic(d *terraform.Resource, res model.Resource) {
	a.m.Topics = append(a.m.Topics, &aws.Topic{Resource: res, Name: tfattr.Str(d.Body, "name", ""),
		KMSKey: tfattr.Ref(d.Body, "kms_master_key_id"), Policies: ownPolicy(d, "policy", "topic policy", res)})
}

// topicPolicy is an aws_sns_topic_policy, for the topic its arn names.
func (a *adapter) topicPolicy(d *terraform.Resource, res model.Resource) {
	a.attach("topic", d, "arn", "policy", "topic policy", res)
}

func (a *adapter) queue(d *terraform.Resource, res model.Resource) {
	a.m.Queues = append(a.m.Queues, &aws.Queue{Resource: res, Name: tfattr.Str(d.Body, "name", ""),
		Policies: ownPolicy(d, "policy", "queue policy", res)})
}

// queuePolicy is an aws_sqs_queue_policy, for the queue its queue_url names.
func (a *adapter) queuePolicy(d *terraform.Resource, res model.Resource) {
	a.attach("queue", d, "queue_url", "policy", "queue policy", res)
}

// ownPolicy reads the policy a resource carries itself. A plan computes the
// attribute when it is not written (the default policy, or the one a
// separate policy resource sets), which is not judged as unknown.
func ownPolicy(d *terraform.Resource, attr, what string, res model.Resource) []aws.PolicyDocument {
	b := d.Body
	if d.Format == terraform.FormatPlan {
		b = withoutComputed(b, []string{attr})
	}
	if b.Attr(attr) == nil {
		return nil
	}
	return []aws.PolicyDocument{document(b, attr, what, res)}
}

// attach keeps a separate policy resource (its policy in policyAttr) for
// the topic, queue or domain its target attribute names.
func (a *adapter) attach(kind string, d *terraform.Resource, target, policyAttr, what string, res model.Resource) {
	a.policyAttachments = append(a.policyAttachments, policyAttachment{kind: kind, to: tfattr.Ref(d.Body, target),
		doc: document(d.Body, policyAttr, what, res)})
}

// policyAttachment is a policy kept apart from what it applies to.
type policyAttachment struct {
	kind string // topic, queue, domain
	to   model.Ref
	doc  aws.PolicyDocument
}

// linkPolicyAttachments applies separate policies to the topics, queues and
// domains they link to, or name: a queue by the last part of its URL, a
// topic by the last part of its ARN, a domain by its name.
func (a *adapter) linkPolicyAttachments() {
	for _, pa := range a.policyAttachments {
		name := pa.to.Value
		if i := strings.LastIndexAny(name, "/:"); i >= 0 && pa.kind != "domain" {
			name = name[i+1:]
		}
		linked := false
		add := func(addr string, n model.String, policies *[]aws.PolicyDocument) {
			if pa.to.LinksTo(addr) || len(pa.to.Targets) == 0 && pa.to.Known() && name != "" && n.Is(name) {
				*policies, linked = append(*policies, pa.doc), true
			}
		}
		switch pa.kind {
		case "topic":
			for _, t := range a.m.Topics {
				add(t.Address, t.Name, &t.Policies)
			}
		case "queue":
			for _, q := range a.m.Queues {
				add(q.Address, q.Name, &q.Policies)
			}
		case "domain":
			for _, d := range a.m.SearchDomains {
				add(d.Address, d.Name, &d.Policies)
			}
		}
		if !linked {
			a.detach(pa.doc)
		}
	}
}
