// Package flowlog reads Amazon VPC Flow Logs: the default format and custom
// formats with any of the fields of versions 2 to 5, as delivered to S3
// (a header line naming the fields, gzip) or exported from CloudWatch Logs
// (no header: the default format), and turns each record into the audit
// event the detectors read, with the flow's details in event.Flow.
package flowlog

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mlguard/mlguard/internal/audit/event"
	"github.com/mlguard/mlguard/internal/audit/jsonrec"
)

// DefaultFields are the fields of the default format (version 2), in order.
func DefaultFields() []string {
	return []string{"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
		"packets", "bytes", "start", "end", "action", "log-status"}
}

// isField reports whether a name is a field of versions 2 to 5 (and the
// ECS and reject-reason fields added since).
func isField(name string) bool {
	switch name {
	case "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
		"packets", "bytes", "start", "end", "action", "log-status", "vpc-id", "subnet-id", "instance-id",
		"tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region", "az-id", "sublocation-type",
		"sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path",
		"ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
		"ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn",
		"ecs-task-arn", "ecs-task-id", "reject-reason":
		return true
	}
	return false
}

// MaxLine bounds one record's line.
const MaxLine = 64 << 10

// IsLog reports whether a path names a flow log file (.log or .log.gz, as
// delivered to S3). A file named otherwise is read when named itself.
func IsLog(p string) bool {
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".log") || strings.HasSuffix(p, ".log.gz")
}

// Header returns the fields a file's first line names, or nil when the
// line is not a flow log header.
func Header(line string) []string {
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return nil
	}
	for _, f := range fields {
		if !isField(f) {
			return nil
		}
	}
	return fields
}

// LooksLikeHeader reports whether a first line is a flow log header, of
// fields this reader knows or not.
func LooksLikeHeader(line string) bool {
	return Header(line) != nil || len(unknownHeaderFields(line)) > 0
}

// unknownHeaderFields returns the unknown names of a line that reads as a
// header (field names, among them srcaddr or dstaddr, and no numbers), so
// that a format newer than this reader is said, not misread line by line.
func unknownHeaderFields(line string) []string {
	fields := strings.Fields(line)
	if !slices.Contains(fields, "srcaddr") && !slices.Contains(fields, "dstaddr") {
		return nil
	}
	var unknown []string
	for _, f := range fields {
		if strings.ContainsAny(f, "0123456789.:") {
			return nil
		}
		if !isField(f) {
			unknown = append(unknown, f)
		}
	}
	return unknown
}

// IsDefaultRecord reports whether a line reads as a record of the default
// format: fourteen fields, a version, an account and an interface.
func IsDefaultRecord(line string) bool {
	f := strings.Fields(line)
	if len(f) != 14 {
		return false
	}
	_, err := strconv.Atoi(f[0])
	return err == nil && (f[2] == "-" || strings.HasPrefix(f[2], "eni-"))
}

// ParseFormat reads a flow log format as AWS writes it ("${version}
// ${account-id} ...") or as a header line names it ("version account-id
// ..."): the fields of files with no header line (CloudWatch Logs exports
// of a custom format).
func ParseFormat(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Fields(s) {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "${"), "}")
		if !isField(name) {
			return nil, fmt.Errorf("%q is not a flow log field", f)
		}
		out = append(out, name)
	}
	if len(out) < 2 {
		return nil, errors.New("a format names at least two fields")
	}
	return out, nil
}

// ReadFile reads one flow log file, calling add for each record and reject
// for each line that cannot be read (with its line number and why). A file
// with no header line has the given fields (the default format when nil).
// An error from add stops the reading.
func ReadFile(ctx context.Context, fsys fs.FS, name string, fields []string, add func(*event.Event) error, reject func(jsonrec.Rejected)) error {
	r, closeFn, err := jsonrec.Open(fsys, name, 0)
	if errors.Is(err, jsonrec.ErrNotGzip) {
		reject(jsonrec.Rejected{Line: 1, Reason: err.Error()})
		return nil
	}
	if err != nil {
		return err
	}
	defer closeFn()
	return Read(ctx, r, fields, add, reject)
}

// Read reads flow log lines from r; headerless records have the given
// fields (the default format when nil).
func Read(ctx context.Context, r io.Reader, format []string, add func(*event.Event) error, reject func(jsonrec.Rejected)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	var fields []string
	line := 0
	for sc.Scan() {
		line++
		if line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			continue
		}
		if fields == nil {
			if h := Header(text); h != nil {
				fields = h
				continue
			}
			if unknown := unknownHeaderFields(text); len(unknown) > 0 {
				return fmt.Errorf("line %d: a header naming fields this reader does not know (%s); the file is not read", line, strings.Join(unknown, ", "))
			}
			fields = format
			if fields == nil {
				fields = DefaultFields()
			}
		}
		ev, err := parse(fields, text)
		if err != nil {
			reject(jsonrec.Rejected{Line: line, Reason: err.Error()})
			continue
		}
		ev.Source.Line = line
		if err := add(ev); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("line %d: longer than %d bytes; the rest of the file is not read", line+1, MaxLine)
		}
		return fmt.Errorf("file damaged after line %d: %w", line, err)
	}
	return nil
}

// parse reads one record with the given fields.
func parse(fields []string, text string) (*event.Event, error) {
	vals := strings.Fields(text)
	if len(vals) != len(fields) {
		return nil, fmt.Errorf("%d fields where the format has %d", len(vals), len(fields))
	}
	fl := &event.Flow{}
	ev := &event.Event{Cloud: event.AWS, Service: "vpc-flow-logs", Flow: fl}
	var start, end int64
	for i, name := range fields {
		v := vals[i]
		if v == "-" {
			continue
		}
		var err error
		switch name {
		case "account-id":
			ev.Account = v
		case "interface-id":
			fl.Interface = v
		case "srcaddr":
			fl.Src, err = netip.ParseAddr(v)
		case "dstaddr":
			fl.Dst, err = netip.ParseAddr(v)
		case "pkt-srcaddr":
			fl.PktSrc, err = netip.ParseAddr(v)
		case "pkt-dstaddr":
			fl.PktDst, err = netip.ParseAddr(v)
		case "srcport":
			fl.SrcPort, err = port(v)
		case "dstport":
			fl.DstPort, err = port(v)
		case "protocol":
			fl.Protocol, err = small(v, 255)
		case "packets":
			fl.Packets, err = strconv.ParseInt(v, 10, 64)
		case "bytes":
			ev.Bytes, err = strconv.ParseInt(v, 10, 64)
		case "start":
			start, err = strconv.ParseInt(v, 10, 64)
		case "end":
			end, err = strconv.ParseInt(v, 10, 64)
		case "action":
			if v != "ACCEPT" && v != "REJECT" {
				err = errors.New("not ACCEPT or REJECT")
			}
			ev.Action = v
		case "log-status":
			fl.Status = v
		case "vpc-id":
			fl.VPC = v
		case "subnet-id":
			fl.Subnet = v
		case "flow-direction":
			fl.Direction = v
		case "traffic-path":
			fl.TrafficPath, err = small(v, 8)
		case "pkt-dst-aws-service":
			fl.DstService = v
		case "region":
			ev.Region = v
		}
		if err != nil {
			return nil, fmt.Errorf("%s %q: %v", name, v, unwrapNum(err))
		}
	}
	if fl.Status == "" {
		fl.Status = "OK"
	}
	if start < 0 || end < 0 || start > maxUnix || end > maxUnix {
		return nil, fmt.Errorf("start %d or end %d out of range", start, end)
	}
	if start == 0 && fl.Status == "OK" {
		return nil, errors.New("no start time")
	}
	ev.Time = time.Unix(start, 0).UTC()
	fl.End = time.Unix(end, 0).UTC()
	ev.SourceIP = fl.Src.String()
	if !fl.Src.IsValid() {
		ev.SourceIP = ""
	}
	// The interface is who sent or received; a format without it leaves
	// the source address to name the flow.
	ev.Principal = fl.Interface
	if ev.Principal == "" {
		ev.Principal = ev.SourceIP
	}
	return ev, nil
}

// maxUnix is the year 9999: times past it are not times.
const maxUnix = 253402300799

func port(v string) (int, error) { return small(v, 65535) }

func small(v string, max int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, err
	}
	if n < 0 || n > max {
		return 0, fmt.Errorf("out of range 0..%d", max)
	}
	return n, nil
}

// unwrapNum drops strconv's repetition of the input.
func unwrapNum(err error) error {
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		return ne.Err
	}
	return err
}
