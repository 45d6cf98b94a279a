package baseline

import (
	"errors"
	"fmt"
	"os"
)

// ErrInUse is the error of a state file another run holds.
var ErrInUse = errors.New("in use")

// Lock holds a state file for one run, from reading it to saving it, so
// that two runs on the same file cannot both load it and the later save
// drop what the other learned. The lock is a file beside the state
// (STATE.lock) that the operating system releases when the process ends,
// however it ends.
type Lock struct {
	f    *os.File
	path string
}

// LockPath is the lock file of a state file.
func LockPath(state string) string { return state + ".lock" }

// Acquire takes the lock of a state file, or fails at once when another run
// holds it.
func Acquire(state string) (*Lock, error) {
	p := LockPath(state)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock state %s: %w", state, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("state file %s is %w by another mlguard audit (it holds %s); wait for it to end, or give this run another --state", state, ErrInUse, p)
	}
	return &Lock{f: f, path: p}, nil
}

// Release gives the lock back. The lock file stays: removing it could let
// a third run lock a new file while the second still holds the old one.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
