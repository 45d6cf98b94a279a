package aws

import "testing"

func TestSpell(t *testing.T) {
	cases := map[string]string{
		`Nb has direct internet access (direct_internet_access = "Enabled", the provider default)`: `Nb has direct internet access (DirectInternetAccess = "Enabled", the default)`,
		`Model has no vpc_config, so its containers run outside your VPCs`:                         `Model has no VpcConfig, so its containers run outside your VPCs`,
		`Fn: environment variable API_KEY holds a token (sk_l************)`:                        `Fn: environment variable API_KEY holds a token (sk_l************)`,
		`Repo: not_an_attribute stays`:                                                             `Repo: not_an_attribute stays`,
	}
	for in, want := range cases {
		if got := Spell(in); got != want {
			t.Errorf("Spell(%q) = %q, want %q", in, got, want)
		}
	}
}
