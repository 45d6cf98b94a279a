package audit

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mlguard/mlguard/internal/audit/mlnet"
)

// exampleNetworks are those of examples/audit-network/iac, and the
// training subnet its comment names.
func exampleNetworks() *mlnet.Networks {
	p := netip.MustParsePrefix
	return &mlnet.Networks{
		ML: []mlnet.Subnet{{Prefix: p("10.20.1.0/24"), Kind: mlnet.Endpoint, Name: "aws_subnet.endpoints"},
			{Prefix: p("10.20.2.0/24"), Kind: mlnet.Notebook, Name: "aws_subnet.notebooks"},
			{Prefix: p("10.20.3.0/24"), Kind: mlnet.Training, Name: "--ml-subnet training=10.20.3.0/24"}},
		Inside: []netip.Prefix{p("10.20.0.0/16")}, Allowed: []netip.Prefix{p("10.30.0.0/16")},
	}
}

// TestNetworkDetectors: over the example flow logs, exactly the planted
// flows are found: connections out of the training and notebook subnets
// not through an endpoint (one in a log format that cannot show endpoint
// use), the notebook subnet's 2.3 GB hour, a connection into the endpoint
// subnet from outside; not the S3 gateway endpoint traffic, the peered
// application, the responses to it and to the outsider, the rejected
// probe, the NODATA record or traffic inside the VPC.
func TestNetworkDetectors(t *testing.T) {
	res, err := Run(context.Background(), []Input{{FS: os.DirFS("../../examples/audit-network/logs"), Root: "."}},
		Options{Networks: exampleNetworks()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Alerts {
		got = append(got, fmt.Sprintf("%s %s %s %s line %d", a.Detector, a.Principal, a.Resource, a.SourceIP, a.Evidence[0].Line))
	}
	want := []string{
		"AUDIT-NET-002 notebook subnet 10.20.2.0/24 egress 10.20.2.15 line 2",
		"AUDIT-NET-001 eni-0tr7 198.51.100.77:443 10.20.3.7 line 5",
		"AUDIT-NET-003 eni-0ep1 aws_subnet.endpoints 203.0.113.99 line 6",
		"AUDIT-NET-001 eni-0nb1 198.51.100.200:443 10.20.2.15 line 10",
		"AUDIT-NET-001 eni-0tr9 52.94.133.131:443 10.20.3.9 line 1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("alerts:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if len(res.Rejected) != 0 || res.Read != 11 {
		t.Errorf("read %d, rejected %v", res.Read, res.Rejected)
	}
	// Without ML subnets the flows are read and judged by nothing, and the
	// coverage notes say so.
	res, _ = Run(context.Background(), []Input{{FS: os.DirFS("../../examples/audit-network/logs"), Root: "."}}, Options{})
	if len(res.Alerts) != 0 || !strings.Contains(fmt.Sprint(res.Coverage), "were read but not judged: no ML subnet was named") {
		t.Errorf("without networks: %d alerts, %v", len(res.Alerts), res.Coverage)
	}
}

// TestFlowVolumeBaseline: an hour of egress is judged against the subnet's
// busiest learned hour: usual for a subnet that moved 1.5 GB an hour
// before, unusual for one that moved 10 MB.
func TestFlowVolumeBaseline(t *testing.T) {
	day := time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
	line := func(t time.Time, src string, bytes int64) string {
		return fmt.Sprintf("2 111122223333 eni-1 %s 198.51.100.5 40000 443 6 10 %d %d %d ACCEPT OK", src, bytes, t.Unix(), t.Unix()+60)
	}
	var lines []string
	for d := 0; d < 5; d++ {
		lines = append(lines, line(day.AddDate(0, 0, d), "10.20.2.15", 1_500_000_000), line(day.AddDate(0, 0, d), "10.20.3.7", 10_000_000))
	}
	judged := day.AddDate(0, 0, 5)
	lines = append(lines, line(judged, "10.20.2.15", 2_300_000_000), line(judged, "10.20.3.7", 2_300_000_000))
	fsys := fstest.MapFS{"flows.log": {Data: []byte(strings.Join(lines, "\n") + "\n")}}
	res, err := Run(context.Background(), []Input{{FS: fsys, Root: "."}}, Options{Since: judged, Networks: exampleNetworks()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Alerts {
		if a.Detector == "AUDIT-NET-002" {
			got = append(got, a.Principal+": "+a.Message)
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "training subnet 10.20.3.0/24: ") || !strings.Contains(got[0], "above 10 times its busiest learned hour (0.01 GB over 5 hours)") {
		t.Errorf("volume alerts: %q", got)
	}
}
