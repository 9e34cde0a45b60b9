//go:build linux

package ale_aos_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/drivers/ale_aos"
	"github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/lab/clisim"
)

// TestApplyOverOpenSSH runs plan, apply and rollback against the OmniSwitch
// emulator of each release behind a real OpenSSH sshd in a network
// namespace (ForceCommand = lab/clisim/cmd/clisim -os ale6|ale8, one
// process per session sharing a state file): a dropped session, then a
// clean apply saved with write memory flash-synchro.
func TestApplyOverOpenSSH(t *testing.T) {
	for i, rel := range releases {
		t.Run(rel.name, func(t *testing.T) {
			dev := clisim.NewOmniSwitch(rel.aos, "os-acc1", 10, "198.18.1.2")
			dev.AddPhone(rel.port("1"))
			dev.Faults.DropAfterConfigLines = 6
			sshd := drivertest.StartOpenSSH(t, dev, "vxale", 57+i, "-os", "ale"+map[int]string{6: "6", 8: "8"}[rel.aos])
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			dial := sshd.Dialer(ale_aos.Driver{}.Attrs())
			load := func() *clisim.OmniSwitch {
				t.Helper()
				d, err := clisim.LoadOmniSwitch(sshd.State)
				if err != nil {
					t.Fatal(err)
				}
				return d
			}
			run := func(o apply.Options) *apply.Report {
				t.Helper()
				sess, err := dial(ctx, 10*time.Second)
				if err != nil {
					t.Fatal(err)
				}
				p, err := apply.Plan(ctx, sess, ale_aos.Driver{}, "os-acc1", voiceChanges(rel.phones()...), apply.Guard{})
				if err != nil {
					t.Fatal(err)
				}
				o.BackupDir = filepath.Join(t.TempDir(), "backups")
				r, err := apply.Apply(ctx, sess, dial, p, o)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(r.Failure, sshd.SSHD.Password) {
					t.Fatal("password in the report")
				}
				return r
			}
			before := load().RunningConfig()
			r := run(apply.Options{Batch: 4})
			if r.Outcome != apply.OutcomeRolledBack || !strings.Contains(r.Failure, "session lost") || r.Sessions != 2 {
				t.Errorf("dropped session: outcome %q, failure %q, %d sessions", r.Outcome, r.Failure, r.Sessions)
			}
			if got := load().RunningConfig(); got != before {
				t.Fatalf("after the dropped session the switch is not back to its backup:\n--- before\n%s\n--- after\n%s", before, got)
			}
			r = run(apply.Options{Save: true})
			if r.Outcome != apply.OutcomeSaved || len(r.Ports) != 3 || r.Ports[0].Status != apply.PortAsPlanned {
				t.Fatalf("clean apply: %q %q %+v", r.Outcome, r.Failure, r.Ports)
			}
			d := load()
			if d.StartupConfig() != d.RunningConfig() || d.CertifiedConfig() != d.RunningConfig() || d.StartupConfig() == before {
				t.Error("not saved and certified")
			}
			for _, port := range rel.phones() {
				if p, _ := d.Port(port); p.Default != 10 || !slices.Equal(p.Tagged, []int{20}) || !p.MEDTLV {
					t.Errorf("port %s: %+v", port, p)
				}
			}
		})
	}
}
