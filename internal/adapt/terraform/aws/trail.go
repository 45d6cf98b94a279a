package aws

import (
	"strings"

	"github.com/mlguard/mlguard/internal/adapt/terraform/tfattr"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
	"github.com/mlguard/mlguard/internal/parse/terraform"
)

// Provider defaults read here (hashicorp/aws 5.100.0, CloudTrail API):
//   aws_cloudtrail.enable_logging: true
//   aws_cloudtrail.enable_log_file_validation: false
//   aws_cloudtrail.kms_key_id: absent -> log files use the bucket's SSE-S3 encryption
//   event_selector.read_write_type: "All"; a trail without selectors records management events only

func (a *adapter) trail(d *terraform.Resource, res model.Resource) {
	b := d.Body
	t := &aws.Trail{Resource: res, Name: tfattr.Str(b, "name", ""), Logging: tfattr.Bool(b, "enable_logging", true),
		LogValidation: tfattr.Bool(b, "enable_log_file_validation", false), KMSKey: tfattr.Ref(b, "kms_key_id")}
	t.SelectorsUnknown = b.NestedUnknown("event_selector") || b.NestedUnknown("advanced_event_selector")
	for _, es := range b.Nested("event_selector") {
		sel, ok := basicSelector(es)
		t.SelectorsUnknown = t.SelectorsUnknown || !ok
		if sel != nil {
			t.ObjectEvents = append(t.ObjectEvents, *sel)
		}
	}
	for _, as := range b.Nested("advanced_event_selector") {
		sel, ok := advancedSelector(as)
		t.SelectorsUnknown = t.SelectorsUnknown || !ok
		if sel != nil {
			t.ObjectEvents = append(t.ObjectEvents, *sel)
		}
	}
	a.m.Trails = append(a.m.Trails, t)
}

// basicSelector reads an event_selector's S3 object data resources; ok is
// false when some part of it cannot be known.
func basicSelector(es *terraform.Block) (*aws.ObjectSelector, bool) {
	rw := tfattr.Str(es, "read_write_type", "All")
	if es.Unknown || !rw.Known() || es.NestedUnknown("data_resource") {
		return nil, false
	}
	sel := &aws.ObjectSelector{Meta: tfattr.BlockMeta(es), Reads: rw.Value != "WriteOnly", Writes: rw.Value != "ReadOnly"}
	found := false
	for _, dr := range es.Nested("data_resource") {
		typ := tfattr.Str(dr, "type", "")
		if !typ.Known() {
			return nil, false
		}
		if typ.Value != "AWS::S3::Object" {
			continue
		}
		found = true
		for _, v := range tfattr.Refs(dr, "values").Items {
			if !v.Known() && len(v.Targets) == 0 {
				return nil, false
			}
			if v.Known() && (v.Value == "arn:aws:s3" || v.Value == "arn:aws:s3:::") {
				sel.All = true
			}
			sel.Buckets = append(sel.Buckets, v)
		}
	}
	if !found {
		return nil, true
	}
	return sel, true
}

// advancedSelector reads an advanced_event_selector that selects S3 object
// data events, with an optional resources.ARN prefix or equality and an
// optional readOnly field. Negative ARN matches make coverage unknowable.
func advancedSelector(as *terraform.Block) (*aws.ObjectSelector, bool) {
	if as.Unknown || as.NestedUnknown("field_selector") {
		return nil, false
	}
	sel := &aws.ObjectSelector{Meta: tfattr.BlockMeta(as), All: true, Reads: true, Writes: true}
	objects := false
	for _, fs := range as.Nested("field_selector") {
		field := tfattr.Str(fs, "field", "")
		if !field.Known() {
			return nil, false
		}
		equals := tfattr.Refs(fs, "equals")
		switch field.Value {
		case "resources.type":
			objects = hasValue(equals, "AWS::S3::Object")
		case "readOnly":
			if len(equals.Items) == 1 && equals.Items[0].Known() {
				sel.Reads, sel.Writes = equals.Items[0].Value == "true", equals.Items[0].Value == "false"
			}
		case "resources.ARN":
			for _, neg := range []string{"not_equals", "not_starts_with", "not_ends_with", "ends_with"} {
				if written(fs, neg) {
					return nil, false
				}
			}
			sel.All = false
			for _, name := range []string{"starts_with", "equals"} {
				for _, v := range tfattr.Refs(fs, name).Items {
					if !v.Known() && len(v.Targets) == 0 {
						return nil, false
					}
					sel.Buckets = append(sel.Buckets, v)
				}
			}
		}
	}
	if !objects {
		return nil, true
	}
	return sel, true
}

// written reports whether a list attribute is set to something other than
// an empty list (plan JSON writes unset lists as null or []).
func written(b *terraform.Block, name string) bool {
	a := b.Attr(name)
	if a == nil {
		return false
	}
	v := a.Value
	return !v.IsKnown() || (!v.IsNull() && v.CanIterateElements() && v.LengthInt() > 0)
}

func hasValue(r model.Refs, want string) bool {
	for _, it := range r.Items {
		if it.Known() && strings.EqualFold(it.Value, want) {
			return true
		}
	}
	return false
}
