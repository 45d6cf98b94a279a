package dataclass

import "testing"

// FuzzLocation: any text is a location or an error, and a location reads
// back as itself.
func FuzzLocation(f *testing.F) {
	for _, s := range []string{"s3://b/k", "gs://b/", "https://a.blob.core.windows.net/c/p", "abfss://c@a.dfs.core.windows.net/p", "name", "wasb://@.x/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLocation(s)
		if err != nil {
			return
		}
		again, err := ParseLocation(l.String())
		if err != nil || again != l {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, l, l.String(), again, err)
		}
		m := &Map{}
		m.Add(Entry{Location: l, Classes: []string{Personal}, Source: "fuzz"})
		if len(m.Read(l)) != 1 || l.Cloud != Any && len(m.Stored(l.Cloud, l.Bucket, true, "")) != 1 {
			t.Fatalf("%+v does not find itself", l)
		}
	})
}
