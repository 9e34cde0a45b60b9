package clisim

import "errors"

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
	return saveStateFile(path, &d.mu, func() any {
		return sbState{Kind: sbKind, Hostname: d.Hostname, Version: d.Version, MgmtIP: d.mgmtIP, Saved: d.saved, VLANs: d.vlans,
			VoiceVLAN: d.voiceVLAN, VoiceAutoOff: d.voiceAutoOff, LLDPOff: d.lldpOff, Policies: d.policies, Ports: d.ports,
			Faults: d.Faults.state()}
	}, false)
}

// LoadSB reads a device saved by (*SB).SaveState.
func LoadSB(path string) (*SB, error) {
	d := &SB{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *SB) load(path string) error {
	var st sbState
	if err := loadStateFile(path, &st); err != nil {
		return err
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
	d.Faults.restore(st.Faults)
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
	return &persistShell{path: path, d: d, inner: d.NewShell(), errPrefix: "% "}, nil
}
