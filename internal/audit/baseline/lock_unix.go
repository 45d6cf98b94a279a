//go:build unix

package baseline

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock without waiting.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
