//go:build unix

package inventory

import (
	"fmt"
	"io/fs"
	"syscall"
)

// ownerOnly refuses a secret file that others may read (any group or other
// permission bit) or that another user owns.
func ownerOnly(path string, fi fs.FileInfo, uid int) error {
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%s is readable by others (mode %04o); run: chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != uid {
		return fmt.Errorf("%s belongs to uid %d, not to you (uid %d); a secret file must be your own", path, st.Uid, uid)
	}
	return nil
}
