package clisim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// iosState is the device's whole state as stored in a state file, so an
// emulator process started per SSH session (OpenSSH ForceCommand) sees
// what earlier sessions configured.
type iosState struct {
	Hostname string              `json:"hostname"`
	Version  string              `json:"version"`
	MgmtIP   string              `json:"mgmtIp"`
	Saved    string              `json:"saved"`
	VLANs    map[int]string      `json:"vlans"`
	LLDPRun  bool                `json:"lldpRun"`
	Profiles map[int]*IOSProfile `json:"profiles"`
	Ports    []*IOSPort          `json:"ports"`
	Faults   faultState          `json:"faults"`
	Enable   string              `json:"enableSecret,omitempty"`
}

type faultState struct {
	DropAfterConfigLines int           `json:"dropAfterConfigLines"`
	Reject               string        `json:"reject"`
	Ignore               string        `json:"ignore"`
	ConfigDelay          time.Duration `json:"configDelay"`
	LineDelay            time.Duration `json:"lineDelay"`
	ConfigLines          int           `json:"configLines"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *IOS) SaveState(path string) error {
	d.mu.Lock()
	st := iosState{Hostname: d.Hostname, Version: d.Version, MgmtIP: d.mgmtIP, Saved: d.saved, VLANs: d.vlans,
		LLDPRun: d.lldpRun, Profiles: d.profiles, Ports: d.ports, Enable: d.EnableSecret}
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
	// A root test writing the state of an emulator that runs as another
	// user (sshd ForceCommand) keeps the file that user's.
	if st, err := os.Stat(path); err == nil && os.Geteuid() == 0 {
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			_ = os.Chown(tmp, int(sys.Uid), int(sys.Gid))
		}
	}
	return os.Rename(tmp, path)
}

// LoadIOS reads a device saved by SaveState.
func LoadIOS(path string) (*IOS, error) {
	d := &IOS{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *IOS) load(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var st iosState
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("clisim: state %s: %w", path, err)
	}
	if len(st.Ports) == 0 {
		return errors.New("clisim: state " + path + " has no ports")
	}
	d.mu.Lock()
	d.Hostname, d.Version, d.mgmtIP, d.saved = st.Hostname, st.Version, st.MgmtIP, st.Saved
	d.vlans, d.lldpRun, d.profiles, d.ports = st.VLANs, st.LLDPRun, st.Profiles, st.Ports
	d.EnableSecret = st.Enable
	if d.profiles == nil {
		d.profiles = map[int]*IOSProfile{}
	}
	d.mu.Unlock()
	f := d.Faults
	f.mu.Lock()
	f.DropAfterConfigLines, f.Reject, f.Ignore, f.ConfigDelay = st.Faults.DropAfterConfigLines, st.Faults.Reject, st.Faults.Ignore, st.Faults.ConfigDelay
	f.configLines = st.Faults.ConfigLines
	f.mu.Unlock()
	return nil
}

// PersistentShell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it, so concurrent sessions in
// separate processes see one device.
func PersistentShell(path string) (Shell, error) {
	d, err := LoadIOS(path)
	if err != nil {
		return nil, err
	}
	return &persistShell{path: path, d: d, inner: d.NewShell()}, nil
}

type persistShell struct {
	path  string
	d     *IOS
	inner Shell
}

func (p *persistShell) Banner() string  { return p.inner.Banner() }
func (p *persistShell) PageLength() int { return p.inner.PageLength() }
func (p *persistShell) Prompt() string  { return p.inner.Prompt() }

func (p *persistShell) Exec(line string) (string, bool) {
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
