package clisim

import "errors"

// omniFile is an OmniSwitch as stored in a state file, so an emulator
// process per SSH session (OpenSSH ForceCommand) sees what earlier
// sessions configured and saved.
type omniFile struct {
	Release   int        `json:"release"`
	Model     string     `json:"model"`
	Version   string     `json:"version"`
	Working   string     `json:"working"`
	Certified string     `json:"certified"`
	State     *omniState `json:"state"`
	Faults    faultState `json:"faults"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *OmniSwitch) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return omniFile{Release: d.Release, Model: d.Model, Version: d.Version, Working: d.working, Certified: d.certified,
			State: d.st, Faults: d.Faults.state()}
	}, true)
}

// LoadOmniSwitch reads a device saved by SaveState.
func LoadOmniSwitch(path string) (*OmniSwitch, error) {
	d := &OmniSwitch{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *OmniSwitch) load(path string) error {
	var f omniFile
	if err := loadStateFile(path, &f); err != nil {
		return err
	}
	if f.State == nil || len(f.State.Ports) == 0 || f.State.VLANs[1] == nil || (f.Release != 6 && f.Release != 8) {
		return errors.New("clisim: state " + path + " has no ports, no default VLAN or no AOS release")
	}
	if f.State.Policies == nil {
		f.State.Policies = map[int]OmniPolicy{}
	}
	if f.State.PoESlots == nil {
		f.State.PoESlots = map[string]bool{}
	}
	if f.State.IPs == nil {
		f.State.IPs = map[string]OmniIPAddr{}
	}
	d.mu.Lock()
	d.Release, d.Model, d.Version, d.working, d.certified, d.st = f.Release, f.Model, f.Version, f.Working, f.Certified, f.State
	d.mu.Unlock()
	d.Faults.restore(f.Faults)
	return nil
}

// PersistentOmniShell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it, so sessions in separate
// processes see one switch.
func PersistentOmniShell(path string) (Shell, error) {
	d, err := LoadOmniSwitch(path)
	if err != nil {
		return nil, err
	}
	return &persistShell{path: path, d: d, inner: d.NewShell(), errPrefix: "ERROR: "}, nil
}
