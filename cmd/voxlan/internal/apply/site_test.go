package apply

import (
	"encoding/json"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan/plantest"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	dapply "github.com/voxlan/voxlan/drivers/apply"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/snmp"
)

// TestApplyDiscoversSite applies the demo site's audit from its inventory
// alone (no platform in it: each switch's OS is the one SNMP discovery
// identified): every switch is discovered over SNMP, audited against voice
// VLAN 201, changed over SSH and verified; each Cisco IOS emulator ends
// with the VLAN in its running configuration.
// The site's four switches run three OSes (cisco_ios, cisco_sb, aruba_aoss).
func TestApplyDiscoversSite(t *testing.T) {
	s := plantest.NewSite(t, false)
	io, out, errOut := testIO()
	o := &ApplyOptions{IO: io, Now: time.Now, Getenv: s.Getenv, Source: sites.Source{InventoryFile: s.InventoryFile, Site: "demo",
		Platform: sites.PlatformAuto, KnownHosts: s.KnownHosts, Timeout: 5 * time.Second, Getenv: s.Getenv,
		Resolver: inventory.NewResolver(s.Getenv, nil), Registry: reg(t), Discover: snmp.Discover},
		Yes: true, Batch: 32, BackupDir: filepath.Join(s.Home, "backups"), Output: "json"}
	before := map[string]string{}
	for _, sw := range s.Switches() {
		before[sw.Name] = sw.SSH.Device().(interface{ RunningConfig() string }).RunningConfig()
	}
	err := applyRun(t.Context(), o)
	if err != nil {
		t.Fatalf("exit %d: %v\n%s", cmdutil.CodeFor(err), err, errOut)
	}
	var res struct {
		Reports []dapply.Report
		Errors  []dapply.SwitchError
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), fmt.Sprintf("site demo: discovering %d switch(es) over SNMP", len(s.Switches()))) {
		t.Errorf("no discovery progress on stderr:\n%s", errOut)
	}
	reports := map[string]dapply.Report{}
	for _, r := range res.Reports {
		host, _, _ := net.SplitHostPort(r.Switch)
		reports[host] = r
	}
	applied := 0
	for _, sw := range s.Switches() {
		if strings.Contains(out.String()+errOut.String(), sw.SSH.Password()) {
			t.Fatalf("%s's password printed", sw.Name)
		}
		host, _, _ := net.SplitHostPort(sw.Address)
		r, ok := reports[host]
		if !ok || r.Outcome != dapply.OutcomeApplied {
			t.Errorf("%s: report %+v, want %q (errors %+v)", sw.Name, r, dapply.OutcomeApplied, res.Errors)
			continue
		}
		applied++
		if sw.Platform != "cisco_ios" {
			continue
		}
		cfg := sw.SSH.Device().(interface{ RunningConfig() string }).RunningConfig()
		if !strings.Contains(cfg, "\nvlan 201") {
			t.Errorf("%s: VLAN 201 not in the running configuration", sw.Name)
		}
		if len(r.Ports) > 0 && cfg == before[sw.Name] {
			t.Errorf("%s: ports %v reported applied, running configuration unchanged", sw.Name, r.Ports)
		}
	}
	if applied != len(s.Switches()) {
		t.Errorf("%d switches applied, want all %d:\n%s", applied, len(s.Switches()), errOut)
	}
}
