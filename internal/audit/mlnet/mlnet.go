// Package mlnet says which networks the flow log detections judge: the
// subnets ML workloads run in (training, processing, endpoints, notebooks,
// Studio), the VPC ranges that count as inside, and the ranges allowed to
// reach endpoint subnets. They come from the infrastructure as code that
// defines them (the AWS models of a scan) or from flags.
package mlnet

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/aws"
)

// Kinds of ML subnet.
const (
	Training   = "training"
	Processing = "processing"
	Endpoint   = "endpoint"
	Notebook   = "notebook"
	Studio     = "studio"
	ML         = "ml" // an ML subnet of no stated kind
)

// Kinds are the kinds a --ml-subnet may name.
func Kinds() []string { return []string{Training, Processing, Endpoint, Notebook, Studio, ML} }

// Subnet is one ML subnet.
type Subnet struct {
	Prefix netip.Prefix
	Kind   string
	// Name is where it was defined: the Terraform address, or the flag.
	Name string
}

// Networks are what the flow detections judge by.
type Networks struct {
	ML []Subnet
	// Inside are the VPC ranges; traffic to them stays in the VPC. When
	// none are known, the private ranges (RFC 1918, RFC 6598, IPv6 ULA)
	// count as inside.
	Inside []netip.Prefix
	// Allowed are the ranges allowed to reach endpoint subnets besides the
	// inside ranges: the ingress CIDRs of the endpoints' security groups.
	Allowed []netip.Prefix
}

// ParseSubnet reads a --ml-subnet value: CIDR or KIND=CIDR.
func ParseSubnet(s string) (Subnet, error) {
	kind, cidr, found := strings.Cut(s, "=")
	if !found {
		kind, cidr = ML, s
	}
	if !slices.Contains(Kinds(), kind) {
		return Subnet{}, fmt.Errorf("%q: kind %q is not one of %s", s, kind, strings.Join(Kinds(), ", "))
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return Subnet{}, fmt.Errorf("%q: not an address range such as 10.0.1.0/24", s)
	}
	return Subnet{Prefix: p.Masked(), Kind: kind, Name: "--ml-subnet " + s}, nil
}

// Of returns the ML subnet an address is in, nil when none.
func (n *Networks) Of(a netip.Addr) *Subnet {
	for i := range n.ML {
		if n.ML[i].Prefix.Contains(a) {
			return &n.ML[i]
		}
	}
	return nil
}

// privateRanges count as inside when no VPC range is known.
func privateRanges() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}

// Inside reports whether an address is inside the VPCs (or, with none
// known, in a private range).
func (n *Networks) IsInside(a netip.Addr) bool {
	inside := n.Inside
	if len(inside) == 0 {
		inside = privateRanges()
	}
	return contains(inside, a)
}

// IsAllowed reports whether an address may reach an endpoint subnet.
func (n *Networks) IsAllowed(a netip.Addr) bool { return n.IsInside(a) || contains(n.Allowed, a) }

func contains(ps []netip.Prefix, a netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// FromModels finds the ML subnets of AWS models: the subnets notebook
// instances, Studio domains and models (endpoints) are placed in, with
// their CIDR blocks; the VPCs' CIDR blocks; the ingress CIDRs of the
// security groups of models. A subnet, VPC or ingress rule whose CIDR is
// not written in the code (computed, or from a variable) cannot be placed
// and is said in unplaced, with what it changes.
func FromModels(models []*aws.Model) (n Networks, unplaced []string) {
	seen := map[string]bool{}
	place := func(m *aws.Model, refs []model.Ref, kind, by string) {
		for _, r := range refs {
			found := false
			for _, t := range r.Targets {
				for _, s := range m.SubnetsOf(t) {
					found = true
					p, err := netip.ParsePrefix(s.CIDR.Value)
					if err != nil || s.CIDR.Unknown {
						unplaced = append(unplaced, s.Address+" (the "+kind+" subnet of "+by+"): its cidr_block is not known; name it with --ml-subnet")
						continue
					}
					if k := s.Address + "\x00" + kind; !seen[k] {
						seen[k] = true
						n.ML = append(n.ML, Subnet{Prefix: p.Masked(), Kind: kind, Name: s.Address})
					}
				}
			}
			if !found && r.IsSet() {
				unplaced = append(unplaced, "a "+kind+" subnet of "+by+" ("+describe(r)+"): not a subnet defined in the code; name it with --ml-subnet")
			}
		}
	}
	for _, m := range models {
		for _, nb := range m.NotebookInstances {
			place(m, []model.Ref{nb.Subnet}, Notebook, nb.Address)
		}
		for _, d := range m.Domains {
			place(m, d.Subnets.Items, Studio, d.Address)
		}
		for _, sm := range m.Models {
			if sm.VPCConfig == nil {
				continue
			}
			place(m, sm.VPCConfig.Subnets.Items, Endpoint, sm.Address)
			for _, t := range sm.VPCConfig.SecurityGroups.Targets() {
				for _, sg := range m.SecurityGroups {
					if sg.Address != t {
						continue
					}
					for _, rule := range sg.Ingress {
						for _, c := range rule.CIDRs {
							p, err := netip.ParsePrefix(c.Value)
							if err != nil || c.Unknown {
								unplaced = append(unplaced, sg.Address+" (a security group of "+sm.Address+"): an ingress CIDR is not known; "+
									"connections from it into the endpoint subnet count as from outside")
								continue
							}
							n.Allowed = append(n.Allowed, p.Masked())
						}
					}
				}
			}
		}
		for _, v := range m.VPCs {
			p, err := netip.ParsePrefix(v.CIDR.Value)
			if err != nil || v.CIDR.Unknown {
				unplaced = append(unplaced, v.Address+": its cidr_block is not known; traffic to it counts as outside unless --vpc-cidr names it")
				continue
			}
			n.Inside = append(n.Inside, p.Masked())
		}
	}
	sort.SliceStable(n.ML, func(i, j int) bool { return n.ML[i].Name < n.ML[j].Name })
	sort.Strings(unplaced)
	return n, slices.Compact(unplaced)
}

func describe(r model.Ref) string {
	if r.Value != "" {
		return r.Value
	}
	return "unknown until apply"
}

// Add merges flags into networks found in code.
func (n *Networks) Add(subnets []Subnet, inside []netip.Prefix) {
	n.ML = append(n.ML, subnets...)
	n.Inside = append(n.Inside, inside...)
}
