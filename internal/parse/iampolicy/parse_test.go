package iampolicy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStatementLines(t *testing.T) {
	data := []byte(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "A",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {"Sid": "B", "Effect": "Deny", "Action": "*", "Resource": "*"}
  ]
}
`)
	doc, diags := Parse("p.json", data)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	got := []int{doc.Statements[0].StartLine, doc.Statements[0].EndLine, doc.Statements[1].StartLine, doc.Statements[1].EndLine}
	want := []int{4, 9, 10, 10}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("statement lines %v, want %v", got, want)
		}
	}
}

func TestSingleStatement(t *testing.T) {
	doc, diags := Parse("p.json", []byte("{\"Statement\":\n {\"Effect\":\"Allow\",\n\"Action\":\"*\",\"Resource\":\"*\"}}"))
	if len(diags) > 0 || len(doc.Statements) != 1 || doc.Statements[0].StartLine != 2 || doc.Statements[0].EndLine != 3 {
		t.Fatalf("got %+v %v", doc, diags)
	}
}

func TestInvalid(t *testing.T) {
	for _, in := range []string{"{\n\"Statement\": [\n{\"Effect\": 3}]}", "{\n\n  \"Statement\": [,]}", "[]"} {
		_, diags := Parse("bad.json", []byte(in))
		if len(diags) != 1 || diags[0].Range.StartLine < 1 || !strings.Contains(diags[0].Error(), "bad.json") {
			t.Errorf("%q: diagnostics %v", in, diags)
		}
	}
}

func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../../../examples/iam/*.json")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := Parse("f.json", data)
		if doc == nil && len(diags) == 0 {
			t.Fatal("no document and no diagnostic")
		}
		if doc != nil && len(doc.Statements) != len(doc.Policy.Statements) {
			t.Fatalf("%d ranges for %d statements", len(doc.Statements), len(doc.Policy.Statements))
		}
	})
}
