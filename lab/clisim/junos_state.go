package clisim

import (
	"errors"
	"os"
	"time"
)

// junosState is a Junos device as stored in a state file: its commits,
// the shared candidate, the configure exclusive lock and a pending commit
// confirmed, so an emulator process per SSH session (OpenSSH
// ForceCommand) sees what earlier sessions did, and an unconfirmed commit
// whose time ran out between sessions is rolled back.
type junosState struct {
	Release   string        `json:"release"`
	Model     string        `json:"model"`
	History   []junosConfig `json:"history"`
	Shared    junosConfig   `json:"shared"`
	LockPID   int           `json:"lockPid"`
	LockSince time.Time     `json:"lockSince"`
	Epoch     int           `json:"epoch"`
	Ports     []junosPort   `json:"ports"`
	Deadline  time.Time     `json:"deadline"`
	Minute    int64         `json:"confirmMinuteNs"`
	Reverts   int           `json:"reverts"`
	Sessions  int           `json:"sessions"`
	Faults    faultState    `json:"faults"`
}

// SaveState writes the device's state to path (0600, atomically).
func (d *Junos) SaveState(path string) error {
	return saveStateFile(path, &d.mu, func() any {
		return junosState{Release: d.Release, Model: d.Model, History: d.history, Shared: d.shared, LockPID: d.lockPID,
			LockSince: d.lockSince, Epoch: d.epoch, Ports: d.ports, Deadline: d.deadline, Minute: int64(d.ConfirmMinute),
			Reverts: d.reverts, Sessions: d.sessions, Faults: d.Faults.state()}
	}, true)
}

// LoadJunos reads a device saved by SaveState.
func LoadJunos(path string) (*Junos, error) {
	d := &Junos{Faults: &Faults{}}
	return d, d.load(path)
}

func (d *Junos) load(path string) error {
	var st junosState
	if err := loadStateFile(path, &st); err != nil {
		return err
	}
	if len(st.History) == 0 || len(st.Ports) == 0 {
		return errors.New("clisim: state " + path + " has no committed configuration or no ports")
	}
	d.mu.Lock()
	d.Release, d.Model, d.history, d.shared, d.lockPID, d.lockSince = st.Release, st.Model, st.History, st.Shared, st.LockPID, st.LockSince
	d.epoch, d.ports, d.deadline, d.ConfirmMinute, d.reverts, d.sessions = st.Epoch, st.Ports, st.Deadline, time.Duration(st.Minute), st.Reverts, st.Sessions
	if d.lockPID != 0 && d.lockPID != os.Getpid() && !processAlive(d.lockPID) {
		// The session holding configure exclusive ended without a word
		// (its connection cut): Junos drops its lock with it.
		d.lockPID = 0
	}
	d.mu.Unlock()
	d.Faults.restore(st.Faults)
	return nil
}

// PersistentJunosShell is a session over a state file: each line locks the
// file, loads the state, runs, and saves it, so sessions in separate
// processes see one switch. The session is named after the process, whose
// end releases a configure exclusive lock it held.
func PersistentJunosShell(path string) (Shell, error) {
	d, err := LoadJunos(path)
	if err != nil {
		return nil, err
	}
	sh := d.NewShell().(*junosShell)
	sh.pid = os.Getpid()
	return &persistShell{path: path, d: d, inner: sh}, nil
}
