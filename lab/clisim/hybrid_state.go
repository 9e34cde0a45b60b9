package clisim

import "errors"

// hybridFile is a Comware or VRP device as stored in a state file, so an
// emulator process per SSH session (OpenSSH ForceCommand) sees what
// earlier sessions configured. The two emulators keep the same state but
// for their port type.
type hybridFile[P any] struct {
	Hostname string         `json:"hostname"`
	VLANs    map[int]string `json:"vlans"`
	LLDPOn   bool           `json:"lldpOn"`
	Ports    []*P           `json:"ports"`
	SVIs     map[int]string `json:"svis"`
	Saved    string         `json:"saved"`
	Faults   faultState     `json:"faults"`
}

// loadHybrid reads a state file written from a hybridFile.
func loadHybrid[P any](path string) (*hybridFile[P], error) {
	var st hybridFile[P]
	if err := loadStateFile(path, &st); err != nil {
		return nil, err
	}
	if len(st.Ports) == 0 || st.VLANs == nil {
		return nil, errors.New("clisim: state " + path + " has no ports or no VLANs")
	}
	if st.SVIs == nil {
		st.SVIs = map[int]string{}
	}
	return &st, nil
}

// SaveState writes the device's state to path (0600, atomically).
func (d *Comware) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return hybridFile[CWPort]{Hostname: d.Hostname, VLANs: d.vlans, LLDPOn: d.lldpOn, Ports: d.ports, SVIs: d.svis,
			Saved: d.saved, Faults: d.Faults.state()}
	}, true)
}

// LoadComware reads a device saved by SaveState.
func LoadComware(path string) (*Comware, error) {
	d := &Comware{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *Comware) load(path string) error {
	st, err := loadHybrid[CWPort](path)
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.Hostname, d.vlans, d.lldpOn, d.ports, d.svis, d.saved = st.Hostname, st.VLANs, st.LLDPOn, st.Ports, st.SVIs, st.Saved
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
	return nil
}

// PersistentComwareShell is a session over a state file: each line locks
// the file, loads the state, runs, and saves it.
func PersistentComwareShell(path string) (Shell, error) {
	d, err := LoadComware(path)
	if err != nil {
		return nil, err
	}
	return &persistShell{path: path, d: d, inner: d.NewShell(), errPrefix: "% "}, nil
}

// SaveState writes the device's state to path (0600, atomically).
func (d *VRP) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return hybridFile[VRPPort]{Hostname: d.Hostname, VLANs: d.vlans, LLDPOn: d.lldpOn, Ports: d.ports, SVIs: d.svis,
			Saved: d.saved, Faults: d.Faults.state()}
	}, true)
}

// LoadVRP reads a device saved by SaveState.
func LoadVRP(path string) (*VRP, error) {
	d := &VRP{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *VRP) load(path string) error {
	st, err := loadHybrid[VRPPort](path)
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.Hostname, d.vlans, d.lldpOn, d.ports, d.svis, d.saved = st.Hostname, st.VLANs, st.LLDPOn, st.Ports, st.SVIs, st.Saved
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
	return nil
}

// PersistentVRPShell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it.
func PersistentVRPShell(path string) (Shell, error) {
	d, err := LoadVRP(path)
	if err != nil {
		return nil, err
	}
	return &persistShell{path: path, d: d, inner: d.NewShell(), errPrefix: "Error: "}, nil
}
