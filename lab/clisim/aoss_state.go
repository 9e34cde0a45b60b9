package clisim

import "errors"

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
	return saveStateFile(path, &d.mu, func() any {
		return aossState{Hostname: d.Hostname, Release: d.Release, Saved: d.saved, LLDPOff: d.lldpOff, VLANs: d.vlans, Ports: d.ports,
			Faults: d.Faults.state()}
	}, true)
}

// LoadAOSS reads a device saved by SaveState.
func LoadAOSS(path string) (*AOSS, error) {
	d := &AOSS{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *AOSS) load(path string) error {
	var st aossState
	if err := loadStateFile(path, &st); err != nil {
		return err
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
	d.Faults.restore(st.Faults)
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
	return &persistShell{path: path, d: d, inner: d.NewShell()}, nil
}
