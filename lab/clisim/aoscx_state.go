package clisim

import (
	"errors"
	"time"
)

// aoscxState is an AOS-CX device as stored in a state file, checkpoint
// auto mode included, so an emulator process per SSH session (OpenSSH
// ForceCommand) sees what earlier sessions configured and a checkpoint
// whose time ran out between sessions is restored.
type aoscxState struct {
	Release    string     `json:"release"`
	Saved      string     `json:"saved"`
	State      *cxState   `json:"state"`
	Checkpoint *cxState   `json:"checkpoint,omitempty"`
	Deadline   time.Time  `json:"deadline"`
	Minute     int64      `json:"checkpointMinuteNs"`
	Faults     faultState `json:"faults"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *AOSCX) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return aoscxState{Release: d.Release, Saved: d.saved, State: d.st, Checkpoint: d.checkpoint, Deadline: d.deadline,
			Minute: int64(d.CheckpointMinute), Faults: d.Faults.state()}
	}, true)
}

// LoadAOSCX reads a device saved by SaveState.
func LoadAOSCX(path string) (*AOSCX, error) {
	d := &AOSCX{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *AOSCX) load(path string) error {
	var st aoscxState
	if err := loadStateFile(path, &st); err != nil {
		return err
	}
	if st.State == nil || len(st.State.Ports) == 0 || st.State.VLANs[1] == nil {
		return errors.New("clisim: state " + path + " has no ports or no default VLAN")
	}
	for _, s := range []*cxState{st.State, st.Checkpoint} {
		if s != nil && s.SVIs == nil {
			s.SVIs = map[int]string{}
		}
	}
	d.mu.Lock()
	d.Release, d.saved, d.st, d.checkpoint, d.deadline = st.Release, st.Saved, st.State, st.Checkpoint, st.Deadline
	d.CheckpointMinute = time.Duration(st.Minute)
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
	return nil
}

// PersistentAOSCXShell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it, so sessions in separate
// processes see one switch.
func PersistentAOSCXShell(path string) (Shell, error) {
	d, err := LoadAOSCX(path)
	if err != nil {
		return nil, err
	}
	return &persistShell{path: path, d: d, inner: d.NewShell()}, nil
}
