package clisim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// The IOS configuration archive and its timed rollback ("Configuration
// Replace and Configuration Rollback"): `archive` / `path URL` in
// configuration mode, then `configure terminal revert timer MINUTES` takes
// a copy of the running configuration and restores it by itself unless
// `configure confirm` comes first; `configure revert now` restores at once.
// The emulator keeps the copy in memory and counts a minute as RevertUnit,
// so tests can watch a switch revert by itself.

// iosRevert is a pending timed rollback.
type iosRevert struct {
	archived []byte // iosState JSON of what to restore
	file     string
	at       time.Time
	timer    *time.Timer
}

// revertUnit is how long a "minute" of the revert timer lasts.
func (d *IOS) revertUnit() time.Duration {
	if d.RevertUnit > 0 {
		return d.RevertUnit
	}
	return time.Minute
}

// RevertPending reports whether a timed rollback waits for its
// confirmation.
func (d *IOS) RevertPending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.revert != nil
}

// Reverts counts the timed rollbacks the device carried out by itself.
func (d *IOS) Reverts() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reverts
}

// armRevert runs `configure terminal revert timer n` (mu held).
func (d *IOS) armRevert(arg string) string {
	n, _ := strconv.Atoi(arg)
	if n < 1 || n > 120 {
		return iosInvalid
	}
	if d.archivePath == "" {
		// IOS needs an archive path to keep the copy it restores.
		return "% Invalid input detected: no archive path configured for the revert timer\n"
	}
	if d.revert != nil {
		return "% Invalid input detected: a timed rollback is already pending; confirm it first\n"
	}
	archived, err := json.Marshal(d.configState())
	if err != nil {
		return "% " + err.Error() + "\n"
	}
	d.archiveSeq++
	r := &iosRevert{archived: archived, file: fmt.Sprintf("%s-%d", d.archivePath, d.archiveSeq),
		at: time.Now().Add(time.Duration(n) * d.revertUnit())}
	r.timer = time.AfterFunc(time.Until(r.at), func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.revert == r {
			d.restoreRevert()
			d.reverts++
		}
	})
	d.revert = r
	return "Rollback Confirmed Change: Backing up current running config to " + r.file + "\n"
}

// confirmRevert runs `configure confirm` (mu held).
func (d *IOS) confirmRevert() string {
	if d.revert == nil {
		return "% Invalid input detected: no timed rollback is pending\n"
	}
	d.revert.timer.Stop()
	d.revert = nil
	return ""
}

// revertNow runs `configure revert now` (mu held).
func (d *IOS) revertNow() string {
	if d.revert == nil {
		return "% Invalid input detected: no timed rollback is pending\n"
	}
	d.revert.timer.Stop()
	d.restoreRevert()
	return "Rollback Done\n"
}

// showRevertTimer is `show archive config rollback timer`.
func (d *IOS) showRevertTimer() string {
	if d.revert == nil {
		return "% No Rollback Confirmed Change pending\n"
	}
	return fmt.Sprintf("Timed Rollback: Backup file %s scheduled to be restored at %s\n", d.revert.file,
		d.revert.at.UTC().Format("15:04:05 UTC Mon Jan 2 2006"))
}

// configState is the running configuration part of the device's state.
func (d *IOS) configState() iosState {
	return iosState{Hostname: d.Hostname, VLANs: d.vlans, LLDPRun: d.lldpRun, Profiles: d.profiles, Ports: d.ports,
		ArchivePath: d.archivePath}
}

// restoreRevert puts the archived configuration back (mu held).
func (d *IOS) restoreRevert() {
	var st iosState
	if err := json.Unmarshal(d.revert.archived, &st); err == nil {
		d.Hostname, d.vlans, d.lldpRun, d.ports, d.archivePath = st.Hostname, st.VLANs, st.LLDPRun, st.Ports, st.ArchivePath
		d.profiles = st.Profiles
		if d.profiles == nil {
			d.profiles = map[int]*IOSProfile{}
		}
	}
	d.revert = nil
}

// SetArchivePath configures `archive` / `path p`, as a site that already
// uses the configuration archive has it.
func (d *IOS) SetArchivePath(p string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.archivePath = p
}
