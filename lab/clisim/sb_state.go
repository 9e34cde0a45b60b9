package clisim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// sbState is an SB device's whole state as stored in a state file, so an
// emulator process started per SSH session (OpenSSH ForceCommand) sees what
// earlier sessions configured.
type sbState struct {
	Kind         string            `json:"kind"`
	Hostname     string            `json:"hostname"`
	Version      string            `json:"version"`
	MgmtIP       string            `json:"mgmtIp"`
	Saved        string            `json:"saved"`
	VLANs        map[int]string    `json:"vlans"`
	VoiceVLAN    int               `json:"voiceVlan"`
	VoiceAutoOff bool              `json:"voiceAutoOff"`
	LLDPOff      bool              `json:"lldpOff"`
	Policies     map[int]*SBPolicy `json:"policies"`
	Ports        []*SBPort         `json:"ports"`
	Faults       faultState        `json:"faults"`
}

// sbKind marks a state file as an SB device's.
const sbKind = "cisco_sb"

// SaveState writes the device's state to path (0600, atomically).
func (d *SB) SaveState(path string) error {
	d.mu.Lock()
	st := sbState{Kind: sbKind, Hostname: d.Hostname, Version: d.Version, MgmtIP: d.mgmtIP, Saved: d.saved, VLANs: d.vlans,
		VoiceVLAN: d.voiceVLAN, VoiceAutoOff: d.voiceAutoOff, LLDPOff: d.lldpOff, Policies: d.policies, Ports: d.ports}
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
	return os.Rename(tmp, path)
}

// LoadSB reads a device saved by (*SB).SaveState.
func LoadSB(path string) (*SB, error) {
	d := &SB{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *SB) load(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var st sbState
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("clisim: state %s: %w", path, err)
	}
	if st.Kind != sbKind || len(st.Ports) == 0 {
		return errors.New("clisim: state " + path + " is not a Cisco SB device")
	}
	d.mu.Lock()
	d.Hostname, d.Version, d.mgmtIP, d.saved = st.Hostname, st.Version, st.MgmtIP, st.Saved
	d.vlans, d.voiceVLAN, d.voiceAutoOff, d.lldpOff, d.policies, d.ports = st.VLANs, st.VoiceVLAN, st.VoiceAutoOff, st.LLDPOff, st.Policies, st.Ports
	if d.policies == nil {
		d.policies = map[int]*SBPolicy{}
	}
	d.mu.Unlock()
	f := d.Faults
	f.mu.Lock()
	f.DropAfterConfigLines, f.Reject, f.Ignore, f.ConfigDelay = st.Faults.DropAfterConfigLines, st.Faults.Reject, st.Faults.Ignore, st.Faults.ConfigDelay
	f.configLines = st.Faults.ConfigLines
	f.mu.Unlock()
	return nil
}

// PersistentSBShell is a session over an SB state file: each line locks
// the file, loads the state, runs, and saves it, so concurrent sessions in
// separate processes see one device.
func PersistentSBShell(path string) (Shell, error) {
	d, err := LoadSB(path)
	if err != nil {
		return nil, err
	}
	return &sbPersistShell{path: path, d: d, inner: d.NewShell().(*sbShell)}, nil
}

type sbPersistShell struct {
	path  string
	d     *SB
	inner *sbShell
}

func (p *sbPersistShell) Banner() string   { return p.inner.Banner() }
func (p *sbPersistShell) PageLength() int  { return p.inner.PageLength() }
func (p *sbPersistShell) Prompt() string   { return p.inner.Prompt() }
func (p *sbPersistShell) MoreText() string { return p.inner.MoreText() }

func (p *sbPersistShell) Exec(line string) (string, bool) {
	lock, err := os.OpenFile(filepath.Clean(p.path)+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return "% emulator: " + err.Error() + "\n", false
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX); err != nil {
		return "% emulator: " + err.Error() + "\n", false
	}
	defer unix.Flock(int(lock.Fd()), unix.LOCK_UN) //nolint:errcheck
	if err := p.d.load(p.path); err != nil {
		return "% emulator: " + err.Error() + "\n", false
	}
	out, done := p.inner.Exec(line)
	if err := p.d.SaveState(p.path); err != nil {
		return "% emulator: " + err.Error() + "\n", done
	}
	return out, done
}
