//go:build !unix

package baseline

import "os"

// lockFile takes no lock where flock(2) does not exist; the state is still
// written atomically, and concurrent runs on one file are documented as
// unsupported there.
func lockFile(*os.File) error { return nil }
