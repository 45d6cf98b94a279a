package terraform

import "testing"

// TestPlanUnknownNestedKeys: an attribute of an object value that is
// unknown until apply is left out of "after" and only marked in
// after_unknown; it must read as unknown, not as absent (an azapi body whose
// publicNetworkAccess is computed must not take the API's default).
func TestPlanUnknownNestedKeys(t *testing.T) {
	const plan = `{"format_version": "1.2", "terraform_version": "1.11.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "azapi_resource.ws", "mode": "managed", "type": "azapi_resource", "name": "ws",
     "values": {"type": "Microsoft.MachineLearningServices/workspaces@2024-10-01", "body": {"properties": {"friendlyName": "ws"}}}}
  ]}},
  "resource_changes": [
    {"address": "azapi_resource.ws", "mode": "managed", "type": "azapi_resource", "name": "ws",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"body": {"properties": {"publicNetworkAccess": true}}}}}
  ]}`
	rs, diags := LoadPlan("plan.json", []byte(plan))
	if diags.HasErrors() || len(rs) != 1 {
		t.Fatalf("%d resources, %v", len(rs), diags)
	}
	props := rs[0].Body.Attr("body").Value.GetAttr("properties")
	if !props.Type().HasAttribute("publicNetworkAccess") {
		t.Fatal("the unknown publicNetworkAccess is missing from the body")
	}
	if props.GetAttr("publicNetworkAccess").IsKnown() {
		t.Error("publicNetworkAccess should be unknown")
	}
	if v := props.GetAttr("friendlyName"); !v.IsKnown() || v.AsString() != "ws" {
		t.Errorf("friendlyName: %#v", v)
	}
}
