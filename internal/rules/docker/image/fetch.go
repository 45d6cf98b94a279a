package image

import (
	"regexp"
	"strings"

	"github.com/mlguard/mlguard/internal/model/image"
	"github.com/mlguard/mlguard/internal/rule"
	"github.com/mlguard/mlguard/internal/rules/framework"
)

func init() {
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "DOCKER-IMAGE-003", Slug: "docker-add-remote-without-checksum",
			Title:    "ADD downloads a remote file without a checksum",
			Severity: rule.Medium, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "ADD <url> puts whatever the server answers into the image, unverified: a replaced release archive, " +
				"model weights or tokenizer files swapped upstream, or, over plain http, anything a network in between " +
				"chooses. Nothing in the build notices.",
			Remediation: "Give ADD the expected digest (ADD --checksum=sha256:<digest> <url> <dest>, Dockerfile syntax 1.6 or " +
				"later), or fetch in a RUN that verifies a published checksum or signature.",
			Fixes: map[string]string{Fix: `# syntax=docker/dockerfile:1
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \
    https://example.com/releases/tool-1.2.tar.gz /opt/`},
			Defaults:   []string{"A source is remote when it is an http:// or https:// URL; git sources and local paths are not judged"},
			References: []string{"https://docs.docker.com/reference/dockerfile/#add---checksum"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return stages(in, func(d *image.Dockerfile, s *image.Stage) []rule.Result {
				var out []rule.Result
				for _, a := range s.Adds {
					if a.Checksum != "" {
						continue
					}
					for _, src := range a.Sources {
						if remote(src) {
							out = append(out, result(d, s, a.Meta, "ADD "+src, "ADD fetches %s without --checksum, so the build takes whatever it is served", src))
						}
					}
				}
				return out
			})
		},
	})
	register(&rule.Rule{
		Metadata: rule.Metadata{
			ID: "DOCKER-IMAGE-004", Slug: "docker-download-piped-to-shell",
			Title:    "RUN pipes a download into a shell or interpreter",
			Severity: rule.High, Category: rule.SupplyChain,
			Frameworks: framework.Integrity(),
			Rationale: "curl ... | sh runs whatever the server returns at build time, as the build user (root, most often), " +
				"with no record of what ran: a compromised install script or CDN becomes code in every training and " +
				"serving image built afterwards, next to the model and its credentials.",
			Remediation: "Download to a file, verify its checksum or signature (sha256sum -c, gpg --verify), then run it; or " +
				"install from a package manager with pinned versions and hashes (pip --require-hashes, apt with signed repositories).",
			Fixes: map[string]string{Fix: `RUN curl -fsSLo /tmp/install.sh https://example.com/install-1.2.sh \
 && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh`},
			Defaults: []string{"A download is curl or wget; an interpreter is sh, bash, zsh, dash, ksh, python, perl, ruby or node, " +
				"reached by a pipe, by process substitution (bash <(curl ...)) or by -c \"$(curl ...)\""},
			References: []string{"https://docs.docker.com/build/building/best-practices/#run"},
		},
		Check: func(in *rule.Input) []rule.Result {
			return stages(in, func(d *image.Dockerfile, s *image.Stage) []rule.Result {
				var out []rule.Result
				for _, r := range s.Runs {
					if r.Exec {
						continue // no shell runs the pipe
					}
					if m := pipedDownload(r.Script); m != "" {
						out = append(out, result(d, s, r.Meta, m, "RUN runs a download unverified: %s", m))
					}
				}
				return out
			})
		},
	})
}

// remote reports an ADD source fetched over HTTP.
func remote(src string) bool {
	l := strings.ToLower(src)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// shell matches an interpreter by name or path; sudo, what may run one.
const (
	shell = `(?:/usr)?(?:/bin/)?(?:env\s+)?(?:sh|bash|zsh|dash|ksh|python[0-9.]*|perl|ruby|node)\b`
	sudo  = `(?:sudo\s+(?:-\S+\s+)*)?`
)

// downloadRun matches a download run by an interpreter: piped into it,
// given to it by process substitution, or expanded into its -c.
var downloadRun = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:curl|wget)\b[^|;&\n]*\|\s*` + sudo + shell),
	regexp.MustCompile(shell + `\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b[^)]*\)`),
	regexp.MustCompile(shell + `\s+-c\s+["']?\$\(\s*(?:curl|wget)\b[^)]*\)`),
}

// pipedDownload returns the part of a script that runs a download, "" when
// none does.
func pipedDownload(script string) string {
	for _, re := range downloadRun {
		if m := re.FindString(script); m != "" {
			return strings.Join(strings.Fields(m), " ")
		}
	}
	return ""
}
