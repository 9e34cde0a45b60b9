package clisim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// aossState is an AOS-S device as stored in a state file, so an emulator
// process per SSH session (OpenSSH ForceCommand) sees what earlier
// sessions configured.
type aossState struct {
	Hostname string            `json:"hostname"`
	Release  string            `json:"release"`
	Saved    string            `json:"saved"`
	LLDPOff  bool              `json:"lldpOff"`
	VLANs    map[int]*AOSSVLAN `json:"vlans"`
	Ports    []*AOSSPort       `json:"ports"`
	Faults   faultState        `json:"faults"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *AOSS) SaveState(path string) error {
	d.mu.Lock()
	st := aossState{Hostname: d.Hostname, Release: d.Release, Saved: d.saved, LLDPOff: d.lldpOff, VLANs: d.vlans, Ports: d.ports}
	f := d.Faults
	f.mu.Lock()
	st.Faults = faultState{DropAfterConfigLines: f.DropAfterConfigLines, Reject: f.Reject, Ignore: f.Ignore,
		ConfigDelay: f.ConfigDelay, ConfigLines: f.configLines}
	f.mu.Unlock()
	b, err := json.Marshal(st)
	d.mu.Unlock()
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	// Keep the owner of an existing file (the sshd user the emulator runs as).
	if fi, err := os.Stat(path); err == nil && os.Geteuid() == 0 {
		if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
			_ = os.Chown(tmp, int(sys.Uid), int(sys.Gid))
		}
	}
	return os.Rename(tmp, path)
}

// LoadAOSS reads a device saved by SaveState.
func LoadAOSS(path string) (*AOSS, error) {
	d := &AOSS{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *AOSS) load(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var st aossState
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("clisim: state %s: %w", path, err)
	}
	if len(st.Ports) == 0 || st.VLANs[1] == nil {
		return errors.New("clisim: state " + path + " has no ports or no default VLAN")
	}
	for _, v := range st.VLANs {
		if v.Untagged == nil {
			v.Untagged = map[string]bool{}
		}
		if v.Tagged == nil {
			v.Tagged = map[string]bool{}
		}
	}
	d.mu.Lock()
	d.Hostname, d.Release, d.saved, d.lldpOff, d.vlans, d.ports = st.Hostname, st.Release, st.Saved, st.LLDPOff, st.VLANs, st.Ports
	d.mu.Unlock()
	f := d.Faults
	f.mu.Lock()
	f.DropAfterConfigLines, f.Reject, f.Ignore, f.ConfigDelay = st.Faults.DropAfterConfigLines, st.Faults.Reject, st.Faults.Ignore, st.Faults.ConfigDelay
	f.configLines = st.Faults.ConfigLines
	f.mu.Unlock()
	return nil
}

// PersistentAOSSShell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it, so sessions in separate
// processes see one switch.
func PersistentAOSSShell(path string) (Shell, error) {
	d, err := LoadAOSS(path)
	if err != nil {
		return nil, err
	}
	return &aossPersistShell{path: path, d: d, inner: d.NewShell().(*aossShell)}, nil
}

type aossPersistShell struct {
	path  string
	d     *AOSS
	inner *aossShell
}

func (p *aossPersistShell) Banner() string           { return p.inner.Banner() }
func (p *aossPersistShell) PageLength() int          { return p.inner.PageLength() }
func (p *aossPersistShell) Prompt() string           { return p.inner.Prompt() }
func (p *aossPersistShell) MoreText() string         { return p.inner.MoreText() }
func (p *aossPersistShell) WaitKeyAfterBanner() bool { return true }

func (p *aossPersistShell) Exec(line string) (string, bool) {
	lock, err := os.OpenFile(filepath.Clean(p.path)+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return "emulator: " + err.Error() + "\n", false
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		return "emulator: " + err.Error() + "\n", false
	}
	defer unix.Flock(int(lock.Fd()), unix.LOCK_UN) //nolint:errcheck
	if err := p.d.load(p.path); err != nil {
		return "emulator: " + err.Error() + "\n", false
	}
	out, done := p.inner.Exec(line)
	if err := p.d.SaveState(p.path); err != nil {
		return "emulator: " + err.Error() + "\n", done
	}
	return out, done
}
