package clisim

import "errors"

// os10File is an OS10 device as stored in a state file, so an emulator
// process per SSH session (OpenSSH ForceCommand) sees what earlier
// sessions configured.
type os10File struct {
	Release string     `json:"release"`
	Model   string     `json:"model"`
	Saved   string     `json:"saved"`
	State   *os10State `json:"state"`
	Faults  faultState `json:"faults"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *OS10) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return os10File{Release: d.Release, Model: d.Model, Saved: d.saved, State: d.st, Faults: d.Faults.state()}
	}, true)
}

// LoadOS10 reads a device saved by SaveState.
func LoadOS10(path string) (*OS10, error) {
	d := &OS10{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *OS10) load(path string) error {
	var st os10File
	if err := loadStateFile(path, &st); err != nil {
		return err
	}
	if st.State == nil || len(st.State.Ports) == 0 || st.State.VLANs[1] == nil {
		return errors.New("clisim: state " + path + " has no ports or no default VLAN")
	}
	if st.State.Policies == nil {
		st.State.Policies = map[int]*OS10Policy{}
	}
	d.mu.Lock()
	d.Release, d.Model, d.saved, d.st = st.Release, st.Model, st.Saved, st.State
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
	return nil
}

// PersistentOS10Shell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it, so sessions in separate
// processes see one switch.
func PersistentOS10Shell(path string) (Shell, error) {
	d, err := LoadOS10(path)
	if err != nil {
		return nil, err
	}
	return &persistShell{path: path, d: d, inner: d.NewShell(), errPrefix: "% Error: "}, nil
}
