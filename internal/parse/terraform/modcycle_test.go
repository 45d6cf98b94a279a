package terraform

import (
	"fmt"
	"strings"
	"testing"
)

// TestModuleOutputsFeedEachOther: module a reads an output of b and b one
// of a that does not read that input: Terraform's graph has no cycle, and
// neither has this evaluation. When each reads what the other echoes back,
// the cycle is real and reported.
func TestModuleOutputsFeedEachOther(t *testing.T) {
	mod := "variable \"in\" {}\noutput \"echo\" { value = var.in }\noutput \"const\" { value = \"c\" }\nresource \"aws_s3_bucket\" \"b\" { bucket = \"b-${var.in}\" }\n"
	cases := []struct {
		name, main, want string
		cycle            bool
	}{
		{"outputs that do not read the inputs", `
module "a" {
  source = "./m"
  in     = module.b.const
}
module "b" {
  source = "./m"
  in     = module.a.const
}
resource "aws_x" "r" { v = "${module.a.echo}-${module.b.echo}" }`, "c-c", false},
		{"a chain through three modules", `
module "a" {
  source = "./m"
  in     = module.c.const
}
module "b" {
  source = "./m"
  in     = module.a.echo
}
module "c" {
  source = "./m"
  in     = module.b.echo
}
resource "aws_x" "r" { v = "${module.a.echo}-${module.b.echo}-${module.c.echo}" }`, "c-c-c", false},
		{"outputs that echo each other", `
module "a" {
  source = "./m"
  in     = module.b.echo
}
module "b" {
  source = "./m"
  in     = module.a.echo
}
resource "aws_x" "r" { v = module.a.echo }`, "<unknown>", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := load(t, map[string]string{"main.tf": c.main, "m/main.tf": mod}, Options{})
			if got := render(attr(res, "aws_x.r", "v")); got != c.want {
				t.Errorf("v = %s, want %s (%v)", got, c.want, res.Diagnostics)
			}
			cycle := strings.Contains(fmt.Sprint(res.Diagnostics), "Cycle in references")
			if cycle != c.cycle {
				t.Errorf("cycle reported %v, want %v: %v", cycle, c.cycle, res.Diagnostics)
			}
			// Each module's bucket is there once, whatever the passes.
			n := 0
			for _, u := range res.Units {
				for _, r := range u.Resources {
					if r.Type == "aws_s3_bucket" {
						n++
					}
				}
			}
			if want := strings.Count(c.main, "module \""); n != want {
				t.Errorf("%d buckets, want %d", n, want)
			}
		})
	}
}
