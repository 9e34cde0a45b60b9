package clisim

import "errors"

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
	// ArchivePath is the configuration archive's `path`.
	ArchivePath string `json:"archivePath,omitempty"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *IOS) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return iosState{Hostname: d.Hostname, Version: d.Version, MgmtIP: d.mgmtIP, Saved: d.saved, VLANs: d.vlans,
			LLDPRun: d.lldpRun, Profiles: d.profiles, Ports: d.ports, Enable: d.EnableSecret, Faults: d.Faults.state(),
			ArchivePath: d.archivePath}
	}, true)
}

// LoadIOS reads a device saved by SaveState.
func LoadIOS(path string) (*IOS, error) {
	d := &IOS{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *IOS) load(path string) error {
	var st iosState
	if err := loadStateFile(path, &st); err != nil {
		return err
	}
	if len(st.Ports) == 0 {
		return errors.New("clisim: state " + path + " has no ports")
	}
	d.mu.Lock()
	d.Hostname, d.Version, d.mgmtIP, d.saved = st.Hostname, st.Version, st.MgmtIP, st.Saved
	d.vlans, d.lldpRun, d.profiles, d.ports = st.VLANs, st.LLDPRun, st.Profiles, st.Ports
	d.EnableSecret, d.archivePath = st.Enable, st.ArchivePath
	if d.profiles == nil {
		d.profiles = map[int]*IOSProfile{}
	}
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
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
	return &persistShell{path: path, d: d, inner: d.NewShell(), errPrefix: "% "}, nil
}
