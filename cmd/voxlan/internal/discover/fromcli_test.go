package discover

import (
	"bytes"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers/drivertest"
	"github.com/voxlan/voxlan/snapshot"
)

func TestDiscoverFromCLI(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"../../../../drivers/cisco_ios/testdata/ntc/show_interfaces_switchport/cisco_ios_show_interfaces_switchport_app_interfaces.raw": "show_interfaces_switchport.txt",
	})
	var out, errOut bytes.Buffer
	opts := &DiscoverOptions{IO: &cmdutil.IOStreams{Out: &out, ErrOut: &errOut}, Site: "owner-sent", Output: "json",
		FromCLI: dir, Platform: "cisco_ios"}
	if err := opts.validate(); err != nil {
		t.Fatal(err)
	}
	if err := discoverRun(t.Context(), opts); err != nil {
		t.Fatalf("%v %s", err, errOut.String())
	}
	snap, err := snapshot.Decode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Switches) != 1 || snap.Switches[0].Source != snapshot.SourceCLI || len(snap.Switches[0].Ports) == 0 {
		t.Fatalf("got %+v", snap.Switches)
	}
	bad := &DiscoverOptions{IO: opts.IO, FromCLI: dir}
	if err := bad.validate(); err == nil || !strings.Contains(err.Error(), "--platform") {
		t.Errorf("--from-cli without --platform: %v", err)
	}
}

// TestDiscoverFromCLIJunos: a Junos switch from saved outputs, the
// configuration saved as show_configuration_display_set.txt.
func TestDiscoverFromCLIJunos(t *testing.T) {
	dir := drivertest.CLIDir(t, map[string]string{
		"../../../../drivers/juniper_junos/testdata/config.txt":                                  "show_configuration_display_set.txt",
		"../../../../drivers/juniper_junos/testdata/ntc/show_vlans/juniper_junos_show_vlans.raw": "show_vlans.txt",
	})
	var out, errOut bytes.Buffer
	opts := &DiscoverOptions{IO: &cmdutil.IOStreams{Out: &out, ErrOut: &errOut}, Site: "owner-sent", Output: "json",
		FromCLI: dir, Platform: "juniper_junos"}
	if err := opts.validate(); err != nil {
		t.Fatal(err)
	}
	if err := discoverRun(t.Context(), opts); err != nil {
		t.Fatalf("%v %s", err, errOut.String())
	}
	snap, err := snapshot.Decode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Switches) != 1 {
		t.Fatalf("got %+v", snap.Switches)
	}
	sw := snap.Switches[0]
	if sw.OS != "juniper_junos" || sw.SysName != "ex2300-access-1" || len(sw.Errors) != 0 {
		t.Fatalf("switch %q %q errors %+v", sw.OS, sw.SysName, sw.Errors)
	}
	for _, p := range sw.Ports {
		if p.Name == "ge-0/0/0" && (p.VoiceVLAN != 20 || p.PVID != 10) {
			t.Errorf("ge-0/0/0: %+v", p)
		}
	}
}
