package audit

import (
	"fmt"
	"net/netip"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/mlnet"
	"github.com/mlguard/mlguard/internal/rule"
)

// FloorFlowBytes is the hourly egress below which no ML subnet's hour is
// unusual.
const FloorFlowBytes = 1 << 30

// flowNeeds is what the flow detectors read.
const flowNeeds = "accepted VPC Flow Log records of ML subnets (named by --ml-subnet or found by --iac)"

// noSubnets says why flow records go unjudged when no ML subnet is known.
func noSubnets(o *Options) string {
	if o.Networks == nil || len(o.Networks.ML) == 0 {
		return "VPC Flow Log records were read but not judged: no ML subnet was named (--ml-subnet) or found (--iac)"
	}
	return ""
}

// acceptedFlow reports an accepted flow record that carries traffic.
func acceptedFlow(e *event.Event) bool {
	return e.Flow != nil && e.Flow.Status == "OK" && e.Action == "ACCEPT" && e.Flow.Src.IsValid() && e.Flow.Dst.IsValid()
}

// initiatedBySource tells who opened a connection from the ports: the
// initiator uses the higher, ephemeral port (ICMP has none: the source).
// A flow log has no other sign of it short of TCP flags.
func initiatedBySource(f *event.Flow) bool { return f.SrcPort >= f.DstPort }

// viaEndpoint reports traffic that stays on AWS's network through a VPC
// endpoint or within the VPC: traffic-path 1 (within the VPC) or 7 (a
// gateway endpoint); and S3 or DynamoDB traffic whose path is not logged or
// is "internet gateway or gateway endpoint" (2), which a gateway endpoint
// may carry and the log cannot tell apart.
func viaEndpoint(f *event.Flow) bool {
	switch f.TrafficPath {
	case 1, 7:
		return true
	case 0, 2:
		return f.DstService == "S3" || f.DstService == "DYNAMODB"
	}
	return false
}

// networks are the run's ML networks (none when not given).
func (c *Context) networks() *mlnet.Networks {
	if c.Options.Networks == nil {
		return &mlnet.Networks{}
	}
	return c.Options.Networks
}

// leaving returns the ML subnet an accepted flow leaves the VPC from.
func (c *Context) leaving(e *event.Event) *mlnet.Subnet {
	n := c.networks()
	s := n.Of(e.Flow.Src)
	if s == nil || n.IsInside(e.Flow.Dst) || c.Known(e.Flow.Dst.String()) {
		return nil
	}
	return s
}

func pathNote(f *event.Flow) string {
	if f.TrafficPath == 0 {
		return "the log format has no traffic-path or pkt-dst-aws-service field to show endpoint use"
	}
	what := map[int]string{2: "an internet gateway or a gateway endpoint", 3: "a virtual private gateway", 4: "intra-region VPC peering",
		5: "inter-region VPC peering", 6: "a local gateway", 8: "an internet gateway"}[f.TrafficPath]
	if what == "" {
		return fmt.Sprintf("traffic-path %d", f.TrafficPath)
	}
	return fmt.Sprintf("through %s: traffic-path %d", what, f.TrafficPath)
}

var flowEgress = Detector{
	ID: "AUDIT-NET-001", Title: "ML subnet traffic to the internet, not through a VPC endpoint", Severity: rule.High,
	Techniques: []string{"AML.T0025", "T1048"},
	Explanation: "A host in a training, processing, endpoint or notebook subnet opened a connection to an address outside " +
		"the VPC that did not go through a VPC endpoint: a path for data and models to leave, or for a compromised " +
		"container to reach its controller. ML subnets are meant to reach AWS services through endpoints only.",
	Needs:    flowNeeds,
	Relevant: acceptedFlow,
	Idle:     noSubnets,
	Event: func(c *Context, e *event.Event) {
		f := e.Flow
		s := c.leaving(e)
		if s == nil || !initiatedBySource(f) || viaEndpoint(f) {
			return
		}
		dst := netip.AddrPortFrom(f.Dst, uint16(f.DstPort)).String()
		c.Raise(f.Src.String()+"\x00"+dst, e, dst, "%s in the %s subnet %s (%s) connected to %s outside the VPC, not through a VPC endpoint (%s)",
			f.Src, s.Kind, s.Prefix, s.Name, dst, pathNote(f))
	},
}

var flowVolume = Detector{
	ID: "AUDIT-NET-002", Title: "Egress from an ML subnet far above its usual volume", Severity: rule.High,
	Techniques: []string{"AML.T0025", "T1048", "T1030"},
	Explanation: "In one hour an ML subnet sent far more bytes out of the VPC than in any hour the baseline learned for it, " +
		"and more than 1 GiB: the shape of a dataset or model being copied out.",
	Needs:    flowNeeds,
	Relevant: acceptedFlow,
	Idle:     noSubnets,
	Event: func(c *Context, e *event.Event) {
		if s := c.leaving(e); s != nil && e.Flow.TrafficPath != 1 {
			state(c, newHourly).add(c, e, s.Kind+" subnet "+s.Prefix.String(), "egress")
		}
	},
	Finish: func(c *Context) {
		state(c, newHourly).judge(c, "flow-egress", func(hc *hourCount) string {
			if over, why := aboveIn(hc.bytes, FloorFlowBytes, c, "flow-egress-bytes", hc.who+"\x00"+hc.subject, gigabytes); over {
				return fmt.Sprintf("the %s sent %.2f GB out of the VPC in the hour from %s:00, above %s", hc.who, hc.bytes/1e9, hc.hour, why)
			}
			return ""
		})
	},
}

var flowInbound = Detector{
	ID: "AUDIT-NET-003", Title: "Connection into an endpoint subnet from outside the allowed networks", Severity: rule.High,
	Techniques: []string{"AML.T0040", "T1133"},
	Explanation: "An address outside the VPC, the known networks and the CIDRs the endpoints' security groups admit opened an " +
		"accepted connection into a subnet that serves models: the endpoint is reachable from where it should not be.",
	Needs:    flowNeeds,
	Relevant: acceptedFlow,
	Idle:     noSubnets,
	Event: func(c *Context, e *event.Event) {
		f := e.Flow
		n := c.networks()
		s := n.Of(f.Dst)
		if s == nil || s.Kind != mlnet.Endpoint || n.IsAllowed(f.Src) || c.Known(f.Src.String()) || !initiatedBySource(f) {
			return
		}
		c.Raise(f.Src.String()+"\x00"+s.Name, e, s.Name, "%s connected to %s:%d in the endpoint subnet %s (%s), from outside the allowed networks",
			f.Src, f.Dst, f.DstPort, s.Prefix, s.Name)
	},
}
