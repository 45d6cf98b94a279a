package opensearch

import (
	"testing"

	"github.com/mlguard/mlguard/internal/model/aws"
)

func TestPublicNames(t *testing.T) {
	for _, tc := range []struct {
		public, dashboards []string
		want               string
	}{
		{[]string{"collection/kb", "collection/kb"}, []string{"collection/kb"}, "collection/kb, collection/kb (dashboards)"},
		{[]string{"collection/kb"}, []string{"collection/kb"}, "collection/kb (dashboards)"},
		{[]string{"collection/a", "collection/b"}, nil, "collection/a, collection/b"},
	} {
		if got := publicNames(&aws.ServerlessPolicy{Public: tc.public, PublicDashboards: tc.dashboards}); got != tc.want {
			t.Errorf("publicNames(%q, %q) = %q, want %q", tc.public, tc.dashboards, got, tc.want)
		}
	}
}
