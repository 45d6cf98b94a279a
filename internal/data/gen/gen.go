// Package gen writes labelled synthetic datasets for `mlguard data scan`:
// every format it reads, with personal data and secrets planted at known
// places, and hard negatives beside them (numbers that fail Luhn, order
// IDs, UUIDs, timestamps, version strings, product codes shaped like phone
// numbers, published test card numbers in a test_card column). The same
// seed writes the same bytes.
package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/mlguard/mlguard/internal/data/detect"
)

// Label is a value planted in a cell.
type Label struct {
	File   string      `json:"file"`
	Record int         `json:"record"` // 0-based record of the file
	Column string      `json:"column"`
	Type   detect.Type `json:"type"`
}

// Manifest is what a generated tree holds: the planted values, and the
// class each column should get.
type Manifest struct {
	Labels  []Label                           `json:"labels"`
	Classes map[string]map[string]detect.Type `json:"classes"` // file → column → class
}

// Options size the datasets.
type Options struct {
	Seed uint64
	Rows int // records per file
}

// Write writes the datasets under dir and returns their manifest.
func Write(dir string, opts Options) (*Manifest, error) {
	g := &gen{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), m: &Manifest{Classes: map[string]map[string]detect.Type{}}, dir: dir}
	rows := max(opts.Rows, 1)
	steps := []func(int) error{g.customers, g.chats, g.features, g.identity, g.events, g.shards}
	for _, step := range steps {
		if err := step(rows); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(g.m.Labels, func(i, j int) bool {
		a, b := g.m.Labels[i], g.m.Labels[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Record < b.Record
	})
	return g.m, nil
}

type gen struct {
	r   *rand.Rand
	m   *Manifest
	dir string
}

func (g *gen) label(file string, rec int, col string, t detect.Type) {
	g.m.Labels = append(g.m.Labels, Label{File: file, Record: rec, Column: col, Type: t})
}

func (g *gen) class(file, col string, t detect.Type) {
	if g.m.Classes[file] == nil {
		g.m.Classes[file] = map[string]detect.Type{}
	}
	g.m.Classes[file][col] = t
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *gen) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

var (
	firstNames = []string{"Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Tim", "Frances", "Edsger", "Radia"}
	lastNames  = []string{"Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Berners", "Allen", "Dijkstra", "Perlman"}
	domains    = []string{"example.com", "mail.example.org", "example.net", "corp.example.co.uk"}
	streets    = []string{"Baker", "Abbey", "Elm", "Oak", "Maple", "Station", "Church", "Mill"}
	suffixes   = []string{"Street", "Road", "Avenue", "Lane", "Drive"}
	areaCodes  = []string{"415", "212", "646", "312", "617", "206", "303", "512"}
)

func (g *gen) name() string { return g.pick(firstNames) + " " + g.pick(lastNames) }
func (g *gen) email() string {
	return strings.ToLower(g.pick(firstNames)) + "." + strings.ToLower(g.pick(lastNames)) + fmt.Sprint(g.r.IntN(100)) + "@" + g.pick(domains)
}

// phone is a valid US number: a real area code, an exchange 2xx-9xx.
func (g *gen) phone() string {
	ex := 200 + g.r.IntN(800)
	if ex%100 == 11 || ex == 555 {
		ex++
	}
	return fmt.Sprintf("(%s) %d-%s", g.pick(areaCodes), ex, g.digits(4))
}

// intlPhone is a valid UK number written with its country code.
func (g *gen) intlPhone() string { return "+44 20 7" + g.digits(3) + " " + g.digits(4) }

// badPhone is a product code shaped like a US number, with an area code
// no number has (0xx, 1xx).
func (g *gen) badPhone() string {
	return fmt.Sprintf("%d%s-%s-%s", g.r.IntN(2), g.digits(2), g.digits(3), g.digits(4))
}

func luhnDigit(body string) byte {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// card is a valid card number of a random network, grouped by four.
func (g *gen) card() string {
	prefix := g.pick([]string{"4", "51", "52", "55", "2221", "6011"})
	body := prefix + g.digits(15-len(prefix))
	n := body + string(luhnDigit(body))
	return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
}

// badCard fails Luhn.
func (g *gen) badCard() string {
	body := "4" + g.digits(14)
	d := luhnDigit(body)
	return body + string('0'+(d-'0'+1)%10)
}

func (g *gen) ssn() string {
	area := 1 + g.r.IntN(665)
	return fmt.Sprintf("%03d-%02d-%04d", area, 1+g.r.IntN(99), 1+g.r.IntN(9999))
}

func (g *gen) badSSN() string {
	return fmt.Sprintf("%s-%02d-%04d", g.pick([]string{"000", "666"}), 1+g.r.IntN(99), 1+g.r.IntN(9999))
}

func (g *gen) itin() string {
	return fmt.Sprintf("9%02d-%d-%04d", g.r.IntN(100), 70+g.r.IntN(19), 1+g.r.IntN(9999))
}

func (g *gen) nin() string {
	first := "ABCEGHJKLMNPRSTWXYZ"
	second := "ABCEGHJKLMNPRSTWXYZ"
	for {
		p := string(first[g.r.IntN(len(first))]) + string(second[g.r.IntN(len(second))])
		if p != "BG" && p != "GB" && p != "NK" && p != "KN" && p != "TN" && p != "NT" && p != "ZZ" {
			return p + " " + g.digits(2) + " " + g.digits(2) + " " + g.digits(2) + " " + string("ABCD"[g.r.IntN(4)])
		}
	}
}

func (g *gen) sin() string {
	body := fmt.Sprint(1+g.r.IntN(7)) + g.digits(7)
	n := body + string(luhnDigit(body))
	return n[:3] + " " + n[3:6] + " " + n[6:]
}

// iban is a valid German IBAN (or, when bad, one with wrong check digits),
// grouped by four.
func (g *gen) iban(bad bool) string {
	bban := g.digits(18)
	num, _ := new(big.Int).SetString(bban+"131400", 10) // DE → 13 14, check 00
	check := 98 - int(new(big.Int).Mod(num, big.NewInt(97)).Int64())
	if bad {
		check = (check+1)%97 + 2
	}
	s := fmt.Sprintf("DE%02d%s", check, bban)
	var parts []string
	for i := 0; i < len(s); i += 4 {
		parts = append(parts, s[i:min(i+4, len(s))])
	}
	return strings.Join(parts, " ")
}

func (g *gen) publicIP() string {
	return fmt.Sprintf("%d.%d.%d.%d", g.pick2([]int{8, 34, 52, 104, 151}), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}
func (g *gen) privateIP() string {
	return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}
func (g *gen) pick2(xs []int) int { return xs[g.r.IntN(len(xs))] }

func (g *gen) mac() string {
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), g.r.IntN(256))
}

func (g *gen) date() string {
	return fmt.Sprintf("%d-%02d-%02d", 1940+g.r.IntN(65), 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) timestamp() string {
	return fmt.Sprintf("2024-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) address() string {
	return fmt.Sprintf("%d %s %s", 1+g.r.IntN(400), g.pick(streets), g.pick(suffixes))
}

func (g *gen) uuid() string {
	return fmt.Sprintf("%s-%s-4%s-a%s-%s", g.hex(8), g.hex(4), g.hex(3), g.hex(3), g.hex(12))
}

func (g *gen) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *gen) awsKey() string {
	const up = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b := make([]byte, 16)
	for i := range b {
		b[i] = up[g.r.IntN(len(up))]
	}
	return "AKIA" + string(b)
}

func (g *gen) version() string {
	return fmt.Sprintf("%d.%d.%d", g.r.IntN(5), g.r.IntN(30), g.r.IntN(100))
}

func (g *gen) coord() (string, string) {
	return fmt.Sprintf("%.5f", 40+g.r.Float64()*15), fmt.Sprintf("%.5f", -5+g.r.Float64()*20)
}

var testCards = []string{"4111111111111111", "4242424242424242", "5555555555554444"}

// customers.csv: one column per type, and hard negatives.
func (g *gen) customers(rows int) error {
	const file = "customers.csv"
	header := []string{"customer_id", "full_name", "email", "phone", "birth_date", "card_number", "test_card", "order_ref", "product_code", "created_at", "app_version", "notes"}
	planted := []colType{{"full_name", detect.PersonName}, {"email", detect.Email}, {"phone", detect.Phone}, {"birth_date", detect.DateOfBirth}, {"card_number", detect.Card}}
	for _, c := range planted {
		g.class(file, c.col, c.t)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	for i := range rows {
		note := "asked about delivery times"
		switch i % 4 {
		case 1:
			note = "call me back on " + g.intlPhone() + ", thanks"
			g.label(file, i, "notes", detect.Phone)
		case 2:
			note = "refund to card " + g.badCard() + " was refused"
		}
		rec := []string{fmt.Sprint(100000 + i), g.name(), g.email(), g.phone(), g.date(), g.card(), g.pick(testCards),
			"ORD" + g.digits(10), g.badPhone(), g.timestamp(), g.version(), note}
		for _, c := range planted {
			g.label(file, i, c.col, c.t)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	if err := g.write(file, buf.Bytes()); err != nil {
		return err
	}
	// The same file gzip-compressed, under another name.
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	_, _ = zw.Write(buf.Bytes())
	_ = zw.Close()
	g.copyLabels(file, "archive/customers-2023.csv.gz")
	return g.write("archive/customers-2023.csv.gz", gz.Bytes())
}

func (g *gen) copyLabels(from, to string) {
	for _, l := range g.m.Labels {
		if l.File == from {
			g.m.Labels = append(g.m.Labels, Label{File: to, Record: l.Record, Column: l.Column, Type: l.Type})
		}
	}
	g.m.Classes[to] = g.m.Classes[from]
}

// chats.jsonl: support conversations, personal data inside free text.
func (g *gen) chats(rows int) error {
	const file = "support/chats.jsonl"
	g.class(file, "user.email", detect.Email)
	var buf bytes.Buffer
	for i := range rows {
		var msgs []map[string]string
		text := "Hi, my order " + g.uuid() + " has not arrived."
		switch i % 5 {
		case 0:
			text = "Please charge my card " + g.card() + " instead."
			g.label(file, i, "messages[].text", detect.Card)
		case 1:
			text = "You can reach me at " + g.phone() + " or " + g.email()
			g.label(file, i, "messages[].text", detect.Phone)
			g.label(file, i, "messages[].text", detect.Email)
		case 2:
			text = "My name is " + g.name() + " and I moved to " + g.address() + "."
			g.label(file, i, "messages[].text", detect.PersonName)
			g.label(file, i, "messages[].text", detect.StreetAddress)
		case 3:
			text = "the app crashed on version " + g.version() + " at " + g.timestamp()
		}
		msgs = append(msgs, map[string]string{"role": "user", "text": text}, map[string]string{"role": "agent", "text": "Thanks, we are looking into it."})
		rec := map[string]any{"id": i, "user": map[string]any{"email": g.email(), "tier": "gold"}, "messages": msgs}
		g.label(file, i, "user.email", detect.Email)
		line, _ := json.Marshal(rec)
		buf.Write(line)
		buf.WriteByte('\n')
	}
	return g.write(file, buf.Bytes())
}

// featureRow is a row of features.parquet.
type featureRow struct {
	UserID     int64   `parquet:"user_id"`
	SSN        string  `parquet:"ssn"`
	IBAN       string  `parquet:"iban"`
	LoginIP    string  `parquet:"login_ip"`
	InternalIP string  `parquet:"internal_ip"`
	DeviceMAC  string  `parquet:"device_mac"`
	Lat        string  `parquet:"lat"`
	Lon        string  `parquet:"lon"`
	Score      float64 `parquet:"score"`
	Session    string  `parquet:"session_id"`
	APIKey     string  `parquet:"api_key"`
}

// featureTypes are the typed columns of featureRow.
var featureTypes = []colType{{"ssn", detect.SSN}, {"iban", detect.IBAN}, {"login_ip", detect.IPPublic}, {"internal_ip", detect.IPPrivate},
	{"device_mac", detect.MAC}, {"lat", detect.Coordinates}, {"lon", detect.Coordinates}, {"api_key", detect.Secret}}

type colType struct {
	col string
	t   detect.Type
}

func (g *gen) featureRows(file string, rows int) []featureRow {
	for _, c := range featureTypes {
		g.class(file, c.col, c.t)
	}
	out := make([]featureRow, rows)
	for i := range rows {
		lat, lon := g.coord()
		out[i] = featureRow{UserID: int64(i), SSN: g.ssn(), IBAN: g.iban(false), LoginIP: g.publicIP(), InternalIP: g.privateIP(),
			DeviceMAC: g.mac(), Lat: lat, Lon: lon, Score: g.r.Float64(), Session: g.uuid(), APIKey: g.awsKey()}
		for _, c := range featureTypes {
			g.label(file, i, c.col, c.t)
		}
	}
	return out
}

// features.parquet: identifiers in typed columns, in two row groups.
func (g *gen) features(rows int) error {
	const file = "features.parquet"
	return g.writeParquet(file, g.featureRows(file, rows))
}

func (g *gen) writeParquet(file string, rows []featureRow) error {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[featureRow](&buf, parquet.MaxRowsPerRowGroup(int64(max(1, len(rows)/2))))
	if _, err := w.Write(rows); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return g.write(file, buf.Bytes())
}

// identity.tsv: national numbers, and look-alikes that fail validation.
func (g *gen) identity(rows int) error {
	const file = "hr/identity.tsv"
	g.class(file, "ni_number", detect.UKNIN)
	g.class(file, "sin", detect.CASIN)
	g.class(file, "itin", detect.ITIN)
	var b strings.Builder
	b.WriteString("employee\tni_number\tsin\titin\tlegacy_ssn\tpayroll_iban\n")
	for i := range rows {
		fmt.Fprintf(&b, "E%05d\t%s\t%s\t%s\t%s\t%s\n", i, g.nin(), g.sin(), g.itin(), g.badSSN(), g.iban(true))
		g.label(file, i, "ni_number", detect.UKNIN)
		g.label(file, i, "sin", detect.CASIN)
		g.label(file, i, "itin", detect.ITIN)
	}
	return g.write(file, []byte(b.String()))
}

// events.json: an array of records with nested fields and secrets in
// free text.
func (g *gen) events(rows int) error {
	const file = "logs/events.json"
	g.class(file, "client.ip", detect.IPPublic)
	var recs []map[string]any
	for i := range rows {
		msg := "job finished in " + fmt.Sprint(g.r.IntN(900)) + "s"
		if i%3 == 0 {
			msg = "retrying with key " + g.awsKey()
			g.label(file, i, "message", detect.Secret)
		}
		recs = append(recs, map[string]any{"ts": g.timestamp(), "client": map[string]any{"ip": g.publicIP()}, "message": msg})
		g.label(file, i, "client.ip", detect.IPPublic)
	}
	out, _ := json.MarshalIndent(recs, "", "  ")
	return g.write(file, out)
}

// shards: a Hugging Face-style dataset folder, one split in two shards.
func (g *gen) shards(rows int) error {
	half := max(1, rows/2)
	for s := range 2 {
		file := fmt.Sprintf("hf/data/train-%05d-of-00002.parquet", s)
		if err := g.writeParquet(file, g.featureRows(file, half)); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) write(name string, data []byte) error {
	p := filepath.Join(g.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
