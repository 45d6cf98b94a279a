package mlnet

import (
	"net/netip"
	"strings"
	"testing"
)

func TestParseSubnet(t *testing.T) {
	for _, tc := range []struct {
		in, kind, prefix, err string
	}{
		{"10.20.3.0/24", ML, "10.20.3.0/24", ""},
		{"training=10.20.3.7/24", Training, "10.20.3.0/24", ""},
		{"endpoint=2001:db8::/64", Endpoint, "2001:db8::/64", ""},
		{"gpu=10.0.0.0/8", "", "", `kind "gpu" is not one of`},
		{"training=10.0.0.0", "", "", "not an address range"},
	} {
		s, err := ParseSubnet(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || s.Kind != tc.kind || s.Prefix.String() != tc.prefix {
			t.Errorf("%s: %+v, %v", tc.in, s, err)
		}
	}
}

func TestInside(t *testing.T) {
	n := Networks{ML: []Subnet{{Prefix: netip.MustParsePrefix("10.20.1.0/24"), Kind: Endpoint}}}
	for ip, inside := range map[string]bool{"10.9.9.9": true, "172.20.0.1": true, "100.64.1.1": true, "8.8.8.8": false, "fd00::1": true} {
		if n.IsInside(netip.MustParseAddr(ip)) != inside {
			t.Errorf("private ranges: %s inside = %v", ip, !inside)
		}
	}
	n.Inside = []netip.Prefix{netip.MustParsePrefix("10.20.0.0/16")}
	n.Allowed = []netip.Prefix{netip.MustParsePrefix("10.30.0.0/16")}
	if n.IsInside(netip.MustParseAddr("10.9.9.9")) || !n.IsAllowed(netip.MustParseAddr("10.30.1.1")) || n.IsAllowed(netip.MustParseAddr("10.31.1.1")) {
		t.Error("with a VPC range, only it is inside; allowed adds the security group's ranges")
	}
	if s := n.Of(netip.MustParseAddr("10.20.1.9")); s == nil || s.Kind != Endpoint || n.Of(netip.MustParseAddr("10.20.2.9")) != nil {
		t.Error("Of")
	}
}
