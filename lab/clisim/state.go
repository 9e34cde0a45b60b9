package clisim

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// A state file holds one emulated device as JSON, so an emulator process
// started per SSH session (OpenSSH ForceCommand) sees what earlier
// sessions configured. Each OS defines its own state struct; the file,
// lock and fault parts are shared here.

type faultState struct {
	DropAfterConfigLines int           `json:"dropAfterConfigLines"`
	Reject               string        `json:"reject"`
	Ignore               string        `json:"ignore"`
	ConfigDelay          time.Duration `json:"configDelay"`
	LineDelay            time.Duration `json:"lineDelay"`
	ConfigLines          int           `json:"configLines"`
}

// state is what a state file keeps of f, including how far it has got.
func (f *Faults) state() faultState {
	f.mu.Lock()
	defer f.mu.Unlock()
	return faultState{DropAfterConfigLines: f.DropAfterConfigLines, Reject: f.Reject, Ignore: f.Ignore,
		ConfigDelay: f.ConfigDelay, ConfigLines: f.configLines}
}

// restore sets f back to what a state file kept.
func (f *Faults) restore(st faultState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.DropAfterConfigLines, f.Reject, f.Ignore, f.ConfigDelay = st.DropAfterConfigLines, st.Reject, st.Ignore, st.ConfigDelay
	f.configLines = st.ConfigLines
}

// saveStateFile writes state() as JSON to path (0600, atomically). mu is
// held while state is taken and encoded, since it shares the device's maps.
// keepOwner keeps the owner of an existing file when root rewrites it, so
// an emulator running as the sshd user can still open it.
func saveStateFile(path string, mu *sync.Mutex, state func() any, keepOwner bool) error {
	mu.Lock()
	b, err := json.Marshal(state())
	mu.Unlock()
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	if keepOwner {
		copyOwner(path, tmp)
	}
	return os.Rename(tmp, path)
}

// loadStateFile decodes the state file at path into st.
func loadStateFile(path string, st any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, st); err != nil {
		return fmt.Errorf("clisim: state %s: %w", path, err)
	}
	return nil
}

// stateDevice is an emulated device kept in a state file.
type stateDevice interface {
	load(path string) error
	SaveState(path string) error
}

// persistShell is a session over a state file: each line locks the file,
// loads the state, runs, and saves it, so concurrent sessions in separate
// processes see one device.
type persistShell struct {
	path  string
	d     stateDevice
	inner Shell
	// errPrefix starts the OS's error line ("% " on Cisco, none on AOS-S).
	errPrefix string
}

func (p *persistShell) Banner() string  { return p.inner.Banner() }
func (p *persistShell) PageLength() int { return p.inner.PageLength() }
func (p *persistShell) Prompt() string  { return p.inner.Prompt() }

// MoreText and WaitKeyAfterBanner pass on the inner shell's, or what Serve
// does for a shell without them.
func (p *persistShell) MoreText() string {
	if pg, ok := p.inner.(Pager); ok {
		return pg.MoreText()
	}
	return defaultMoreText
}

// Close passes the end of the session on to the inner shell, on the
// state as the file holds it.
func (p *persistShell) Close() {
	if c, ok := p.inner.(SessionCloser); ok {
		_ = p.withState(c.Close)
	}
}

func (p *persistShell) WaitKeyAfterBanner() bool {
	kw, ok := p.inner.(KeyWaiter)
	return ok && kw.WaitKeyAfterBanner()
}

func (p *persistShell) Exec(line string) (string, bool) {
	var out string
	var done bool
	if err := p.withState(func() { out, done = p.inner.Exec(line) }); err != nil {
		return p.errPrefix + "emulator: " + err.Error() + "\n", done
	}
	return out, done
}

// withState locks the state file, loads the device, runs f and saves it.
func (p *persistShell) withState(f func()) error {
	lock, err := os.OpenFile(filepath.Clean(p.path)+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := lockFile(lock); err != nil {
		return err
	}
	defer unlockFile(lock) //nolint:errcheck
	if err := p.d.load(p.path); err != nil {
		return err
	}
	f()
	return p.d.SaveState(p.path)
}
