package inventory

import (
	"fmt"
	"io/fs"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ownerOnly is the Windows form of chmod 600: Windows ignores permission
// bits, so the file's security descriptor is read instead. The owner must
// be the user running voxlan, and no access-allowed entry may let anyone
// else read it, except SYSTEM and the Administrators group, which can take
// any file anyway.
func ownerOnly(path string, _ fs.FileInfo, _ int) error {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("%s: reading its permissions: %w", path, err)
	}
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("who am I: %w", err)
	}
	me := tu.User.Sid
	fix := fmt.Sprintf("run: icacls \"%s\" /inheritance:r /grant:r \"%%USERNAME%%:R\"", path)
	owner, _, err := sd.Owner()
	if err != nil {
		return fmt.Errorf("%s: reading its owner: %w", path, err)
	}
	if !owner.Equals(me) {
		return fmt.Errorf("%s belongs to %s, not to you (%s); a secret file must be your own", path, accountName(owner), accountName(me))
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil { // no DACL at all grants everyone everything
		return fmt.Errorf("%s has no access list, so everyone may read it; %s", path, fix)
	}
	const readAccess = windows.FILE_READ_DATA | windows.GENERIC_READ | windows.GENERIC_ALL
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return fmt.Errorf("%s: reading its access list: %w", path, err)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Mask&readAccess == 0 {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if sid.Equals(me) || sid.IsWellKnown(windows.WinLocalSystemSid) || sid.IsWellKnown(windows.WinBuiltinAdministratorsSid) || sid.IsWellKnown(windows.WinCreatorOwnerSid) {
			continue
		}
		return fmt.Errorf("%s is readable by %s; %s", path, accountName(sid), fix)
	}
	return nil
}

// accountName is DOMAIN\name for messages, or the SID string when the
// account cannot be looked up.
func accountName(sid *windows.SID) string {
	if name, domain, _, err := sid.LookupAccount(""); err == nil {
		if domain != "" {
			return domain + `\` + name
		}
		return name
	}
	return sid.String()
}
