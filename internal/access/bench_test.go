package access

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/mlguard/mlguard/internal/access/gen"
	"github.com/mlguard/mlguard/internal/config"
	"github.com/mlguard/mlguard/internal/scan"
)

// generated writes and reads a generated platform (see bench/accessgen).
func generated(b *testing.B, accounts, roles, assets int) []*Account {
	b.Helper()
	dir := b.TempDir()
	if _, err := gen.Write(gen.Config{Dir: dir, Accounts: accounts, Roles: roles, Assets: assets}); err != nil {
		b.Fatal(err)
	}
	var out []*Account
	for i := 0; i < accounts; i++ {
		a := &Account{ID: gen.AccountID(i), Region: "eu-west-1", Dir: fmt.Sprintf("acct%d", i)}
		if i > 0 {
			a.Tenant = fmt.Sprintf("unit%d", i)
		}
		bad, err := Load(context.Background(), a, []scan.Target{{FS: os.DirFS(filepath.Join(dir, a.Dir)), Root: ".", Config: &config.Config{}}}, scan.Options{})
		if err != nil || len(bad) > 0 {
			b.Fatal(err, bad)
		}
		out = append(out, a)
	}
	return out
}

// BenchmarkAnalyze analyses generated platforms; the largest is the one
// docs/benchmarks.md records: 50 accounts, 5,000 roles, 20,000 assets.
func BenchmarkAnalyze(b *testing.B) {
	for _, size := range []struct{ accounts, roles, assets int }{{10, 100, 400}, {50, 100, 400}} {
		b.Run(fmt.Sprintf("accounts=%d/roles=%d/assets=%d", size.accounts, size.accounts*size.roles, size.accounts*size.assets), func(b *testing.B) {
			accounts := generated(b, size.accounts, size.roles, size.assets)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				g, err := Analyze(context.Background(), accounts, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(g.Findings) != size.accounts-2 {
					b.Fatalf("%d findings, want %d", len(g.Findings), size.accounts-2)
				}
			}
		})
	}
}

// BenchmarkLoad reads one generated account's Terraform (100 roles, 400
// assets) as mlguard access does.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(gen.Config{Dir: dir, Accounts: 2, Roles: 100, Assets: 400}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := &Account{ID: gen.AccountID(1), Region: "eu-west-1", Dir: "acct1"}
		if _, err := Load(context.Background(), a, []scan.Target{{FS: os.DirFS(filepath.Join(dir, "acct1")), Root: ".", Config: &config.Config{}}}, scan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
