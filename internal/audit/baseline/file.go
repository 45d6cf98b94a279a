package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
)

// A state file is a bbolt database followed by a trailer that holds the
// format and the SHA-256 of everything before it. bbolt trusts its pages:
// flipped bytes in a page make it panic, fault, loop or allocate without
// bound, so the checksum is verified before bbolt is given the file. bbolt
// ignores bytes past its last page, so the trailer does not disturb it.

// trailerMagic names the format; a file written by another version, or
// not by mlguard, does not end with it.
const trailerMagic = "\nmlguard-state-2 sha256:"

// trailerLen is the trailer's length: the magic, 64 hex digits, a newline.
const trailerLen = len(trailerMagic) + 64 + 1

// MaxStateBytes bounds a state file (history for thousands of principals
// takes a few megabytes).
const MaxStateBytes = 1 << 30

// ErrCorrupt is the error of a state file that is damaged, empty, or not
// an mlguard state file of this version.
var ErrCorrupt = errors.New("corrupt")

func corrupt(path, why string) error {
	return fmt.Errorf("state file %s is %w: %s; move it away to start again (the next run learns anew)", path, ErrCorrupt, why)
}

// verify checks the trailer of the state file at path.
func verify(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("state file %s is not a regular file", path)
	case info.Size() == 0:
		return corrupt(path, "it is empty")
	case info.Size() > MaxStateBytes:
		return corrupt(path, fmt.Sprintf("it is larger than %d bytes", MaxStateBytes))
	case info.Size() < int64(trailerLen):
		return corrupt(path, "it is too short to be a state file")
	}
	body := info.Size() - int64(trailerLen)
	trailer := make([]byte, trailerLen)
	if _, err := f.ReadAt(trailer, body); err != nil {
		return corrupt(path, err.Error())
	}
	if !bytes.HasPrefix(trailer, []byte(trailerMagic)) {
		return corrupt(path, "it does not end with the mark of an mlguard state file of this version (files of mlguard before December 2026 cannot be read)")
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, body)); err != nil {
		return corrupt(path, err.Error())
	}
	want := string(trailer[len(trailerMagic) : trailerLen-1])
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return corrupt(path, "its checksum does not match its content")
	}
	return nil
}

// seal appends the trailer to a freshly written database file.
func seal(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(trailerMagic + hex.EncodeToString(h.Sum(nil)) + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
