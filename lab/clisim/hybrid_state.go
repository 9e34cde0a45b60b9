package clisim

import (
	"errors"
	"sync"
)

// hybridDevice is the state the Comware and VRP emulators share but for
// their port type P: both keep VLAN names by id, a global LLDP switch, the
// ports in order and the VLAN interfaces' addresses.
type hybridDevice[P any] struct {
	mu       sync.Mutex
	Hostname string
	vlans    map[int]string // id -> name ("" = none)
	lldpOn   bool
	ports    []*P
	svis     map[int]string
	saved    string
	Faults   *Faults
}

// newHybridDevice is the factory state of both: VLAN 1 and the management
// VLAN 99 whose interface holds mgmtIP, LLDP on, no port yet.
func newHybridDevice[P any](hostname, mgmtIP string) hybridDevice[P] {
	return hybridDevice[P]{Hostname: hostname, vlans: map[int]string{1: "", 99: "MGMT"}, lldpOn: true,
		svis: map[int]string{99: mgmtIP + " 255.255.255.0"}, Faults: &Faults{}}
}

// StartupConfig returns the configuration last saved (Comware `save
// force`, VRP `save`).
func (d *hybridDevice[P]) StartupConfig() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.saved
}

// hybridFile is a Comware or VRP device as stored in a state file, so an
// emulator process per SSH session (OpenSSH ForceCommand) sees what
// earlier sessions configured.
type hybridFile[P any] struct {
	Hostname string         `json:"hostname"`
	VLANs    map[int]string `json:"vlans"`
	LLDPOn   bool           `json:"lldpOn"`
	Ports    []*P           `json:"ports"`
	SVIs     map[int]string `json:"svis"`
	Saved    string         `json:"saved"`
	Faults   faultState     `json:"faults"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *hybridDevice[P]) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return hybridFile[P]{Hostname: d.Hostname, VLANs: d.vlans, LLDPOn: d.lldpOn, Ports: d.ports, SVIs: d.svis,
			Saved: d.saved, Faults: d.Faults.state()}
	}, true)
}

func (d *hybridDevice[P]) load(path string) error {
	var st hybridFile[P]
	if err := loadStateFile(path, &st); err != nil {
		return err
	}
	if len(st.Ports) == 0 || st.VLANs == nil {
		return errors.New("clisim: state " + path + " has no ports or no VLANs")
	}
	if st.SVIs == nil {
		st.SVIs = map[int]string{}
	}
	d.mu.Lock()
	d.Hostname, d.vlans, d.lldpOn, d.ports, d.svis, d.saved = st.Hostname, st.VLANs, st.LLDPOn, st.Ports, st.SVIs, st.Saved
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
	return nil
}

// LoadComware reads a device saved by SaveState.
func LoadComware(path string) (*Comware, error) {
	d := &Comware{hybridDevice[CWPort]{Faults: &Faults{}}}
	return d, d.load(path)
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

// LoadVRP reads a device saved by SaveState.
func LoadVRP(path string) (*VRP, error) {
	d := &VRP{hybridDevice[VRPPort]{Faults: &Faults{}}}
	return d, d.load(path)
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
