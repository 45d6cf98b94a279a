package dataclass

import (
	"strings"
	"testing"
)

func TestParseLocation(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Location
		err  string
	}{
		{in: "s3://b/raw/x.csv", want: Location{Cloud: S3, Bucket: "b", Prefix: "raw/x.csv"}},
		{in: "s3://b", want: Location{Cloud: S3, Bucket: "b"}},
		{in: "S3://b/", want: Location{Cloud: S3, Bucket: "b"}},
		{in: "gs://vertex-data/train/", want: Location{Cloud: GCS, Bucket: "vertex-data", Prefix: "train/"}},
		{in: "https://MLData.blob.core.windows.net/raw/2026/a.parquet", want: Location{Cloud: Azure, Bucket: "mldata", Container: "raw", Prefix: "2026/a.parquet"}},
		{in: "abfss://raw@mldata.dfs.core.windows.net/2026/", want: Location{Cloud: Azure, Bucket: "mldata", Container: "raw", Prefix: "2026/"}},
		{in: "acme-ml-exports", want: Location{Bucket: "acme-ml-exports"}},
		{in: "https://example.com/data", err: "Azure Blob URI"},
		{in: "ftp://host/x", err: "unknown scheme"},
		{in: "s3:///x", err: "names no bucket"},
		{in: "s3://b*/x", err: "names no bucket"},
		{in: "abfss://mldata.dfs.core.windows.net/x", err: "CONTAINER@ACCOUNT"},
		{in: "a/b", err: "neither a bucket name"},
		{in: "", err: "neither a bucket name"},
	} {
		got, err := ParseLocation(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%q: error %v, want one saying %q", c.in, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.err == "" && got != c.want:
			t.Errorf("%q = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestMatching(t *testing.T) {
	m := &Map{}
	add := func(loc string, classes ...string) {
		l, err := ParseLocation(loc)
		if err != nil {
			t.Fatal(err)
		}
		m.Add(Entry{Location: l, Classes: classes, Source: "test"})
	}
	add("s3://crm/exports/contacts.csv", "EMAIL_ADDRESS")
	add("s3://net/flows.csv", "IP_ADDRESS_PRIVATE")
	add("archive", Personal)
	add("https://mldata.blob.core.windows.net/raw/people.jsonl", "PHONE_NUMBER")
	for _, c := range []struct {
		cloud  Cloud
		bucket string
		want   int
	}{
		{S3, "crm", 1}, {S3, "CRM", 0}, {GCS, "crm", 0}, {S3, "net", 0},
		{S3, "archive", 1}, {GCS, "archive", 1}, {Azure, "MLDATA", 1}, {Azure, "other", 0},
	} {
		if got := len(m.Stored(c.cloud, c.bucket, true, "aws_s3_bucket.other")); got != c.want {
			t.Errorf("Stored(%s, %s) = %d entries, want %d", c.cloud, c.bucket, got, c.want)
		}
	}
	for _, c := range []struct {
		uri  string
		want int
	}{
		{"s3://crm/", 1}, {"s3://crm/exports/", 1}, {"s3://crm/exports/contacts.csv", 1},
		{"s3://crm/exports/contacts.csv.bak", 0}, {"s3://crm/other/", 0}, {"s3://net/", 0},
		{"s3://archive/2019/", 1}, {"gs://crm/", 0},
		{"abfss://raw@mldata.dfs.core.windows.net/", 1}, {"abfss://curated@mldata.dfs.core.windows.net/", 0},
	} {
		l, err := ParseLocation(c.uri)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(m.Read(l)); got != c.want {
			t.Errorf("Read(%s) = %d entries, want %d", c.uri, got, c.want)
		}
	}
}

// TestResourcePatterns: storage named only after apply is matched by the
// address of its resource, never by a name it does not have yet.
func TestResourcePatterns(t *testing.T) {
	m := &Map{}
	m.Add(Entry{Resource: "module.data.aws_s3_bucket.*", Classes: []string{"US_SSN"}, Source: ".mlguard.yaml:4"})
	m.Add(Entry{Location: Location{Bucket: "crm"}, Classes: []string{Personal}, Source: ".mlguard.yaml:5"})
	for _, c := range []struct {
		name    string
		known   bool
		address string
		want    int
	}{
		{"x", false, "module.data.aws_s3_bucket.raw", 1},
		{"crm", false, "aws_s3_bucket.crm", 0},
		{"crm", true, "aws_s3_bucket.crm", 1},
		{"crm", true, "module.data.aws_s3_bucket.crm", 2},
		{"x", true, "module.other.aws_s3_bucket.raw", 0},
	} {
		if got := len(m.Stored(S3, c.name, c.known, c.address)); got != c.want {
			t.Errorf("Stored(%s, %v, %s) = %d, want %d", c.name, c.known, c.address, got, c.want)
		}
	}
	if got := Describe(m.Stored(S3, "x", false, "module.data.aws_s3_bucket.raw")); got != "US_SSN under resources module.data.aws_s3_bucket.* (.mlguard.yaml:4)" {
		t.Errorf("Describe = %q", got)
	}
	if got := len(m.Read(Location{Cloud: S3, Bucket: "x"})); got != 0 {
		t.Errorf("a read matched a resource pattern: %d", got)
	}
}

func TestDescribe(t *testing.T) {
	l, _ := ParseLocation("s3://crm/exports/")
	got := Describe([]Entry{
		{Location: l, Classes: []string{"PHONE_NUMBER", "EMAIL_ADDRESS", "IP_ADDRESS_PRIVATE"}, Source: "a"},
		{Location: l, Classes: []string{"EMAIL_ADDRESS"}, Source: "a"},
	})
	if want := "EMAIL_ADDRESS, PHONE_NUMBER under s3://crm/exports/ (a)"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if got := Describe([]Entry{{Location: Location{Bucket: "x"}, Classes: []string{Personal}, Source: ".mlguard.yaml:3"}}); got != "personal data under x (.mlguard.yaml:3)" {
		t.Errorf("Describe = %q", got)
	}
}

func TestDescribeCuts(t *testing.T) {
	var entries []Entry
	for _, b := range []string{"s3://a/1", "s3://a/2", "s3://a/3"} {
		l, _ := ParseLocation(b)
		entries = append(entries, Entry{Location: l, Classes: InfoTypes, Source: "classes.json"})
	}
	want := "SECRET, CA_SOCIAL_INSURANCE_NUMBER, CREDIT_CARD_NUMBER, IBAN_CODE and 11 more info types under s3://a/1, s3://a/2 and 1 more locations (classes.json)"
	if got := Describe(entries); got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}

func TestReadFile(t *testing.T) {
	for _, c := range []struct {
		name, in, err     string
		entries, warnings int
	}{
		{name: "ok", in: `{"version":"1","datasets":[{"path":"a.csv","location":"s3://b/a.csv","info_types":["EMAIL_ADDRESS"]},{"path":"c.csv","info_types":["US_SSN"]}]}`, entries: 1, warnings: 1},
		{name: "version", in: `{"version":"2","datasets":[]}`, err: "version"},
		{name: "unknown field", in: `{"version":"1","dataset":[]}`, err: "not a classification file"},
		{name: "bad type", in: `{"version":"1","datasets":[{"path":"a","location":"s3://b","info_types":["SHOE_SIZE"]}]}`, err: "unknown info type"},
		{name: "bad location", in: `{"version":"1","datasets":[{"path":"a","location":"ftp://b","info_types":[]}]}`, err: "unknown scheme"},
	} {
		m, warnings, err := ReadFile("classes.json", []byte(c.in))
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		case c.err == "" && (err != nil || m.Len() != c.entries || len(warnings) != c.warnings):
			t.Errorf("%s: %v, %d entries, %d warnings", c.name, err, m.Len(), len(warnings))
		}
	}
}
