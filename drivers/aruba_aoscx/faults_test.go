package aruba_aoscx_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/apply/applytest"
	"github.com/voxlan/voxlan/drivers/aruba_aoscx"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// checkpointMinute is the emulated length of one checkpoint auto minute:
// the default 5-minute net fires 5 s after arming.
const checkpointMinute = time.Second

// TestFaults: the shared fault suite; AOS-CX's checkpoint auto restores
// the switch by itself when voxlan is gone for good.
func TestFaults(t *testing.T) {
	applytest.Faults(t, func(t *testing.T) applytest.FaultLab {
		dev := clisim.NewAOSCX("cx-6300-1", 10, "198.18.1.2")
		dev.AddPhone("1/1/1")
		dev.CheckpointMinute = checkpointMinute
		return applytest.FaultLab{Lab: drivertest.NewLab(t, dev, "admin", aruba_aoscx.Driver{}.Attrs()), Driver: aruba_aoscx.Driver{},
			Faults: dev.Faults, Startup: dev.StartupConfig, Changes: voiceChanges("1/1/1", "1/1/2", "1/1/3"),
			Reverts: dev.Reverts, RevertWithin: 5*checkpointMinute + 5*time.Second}
	})
}

// TestCheckpointArmedAndConfirmed: checkpoint auto is armed before the
// first line and confirmed after verification; the switch keeps the change
// and never reverts.
func TestCheckpointArmedAndConfirmed(t *testing.T) {
	l := newLab(t)
	l.dev.CheckpointMinute = time.Second // 4 s for the change: room on a loaded machine
	var mu sync.Mutex
	var first []string
	l.dev.Faults.SetHooks(nil, func(c string) {
		mu.Lock()
		defer mu.Unlock()
		if len(first) < 8 {
			first = append(first, c)
		}
	})
	p, r, _ := l.run(t, voiceChanges("1/1/1", "1/1/2"), apply.Options{RevertAfter: 4 * time.Minute})
	if r.Outcome != apply.OutcomeApplied {
		t.Fatalf("outcome %q failure %q", r.Outcome, r.Failure)
	}
	if !strings.Contains(p.SafetyNet+r.SafetyNet, "checkpoint auto 4") {
		t.Errorf("plan net %q, report net %q", p.SafetyNet, r.SafetyNet)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(first, "|"), "checkpoint auto 4") {
		t.Errorf("EXEC commands before the change: %q", first)
	}
	if l.dev.InCheckpointAuto() {
		t.Error("checkpoint auto mode still running after the confirmation")
	}
	time.Sleep(4*time.Second + 300*time.Millisecond)
	if l.dev.Reverts() != 0 {
		t.Error("the switch reverted a confirmed change")
	}
	phonePort(t, l.dev, "1/1/1")
}
