package clicmd

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers/all"
)

func TestParseRun(t *testing.T) {
	reg, _ := all.New()
	var out bytes.Buffer
	io := &cmdutil.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}}
	err := parseRun(t.Context(), &ParseOptions{IO: io, Registry: reg, Platform: "cisco_ios", Command: "show interfaces switchport",
		File: "../../../../drivers/cisco_ios/testdata/ntc/show_interfaces_switchport/cisco_ios_show_interfaces_switchport_voice_vlan.raw"})
	if err != nil {
		t.Fatal(err)
	}
	var ports []struct {
		Interface  string
		AccessVLAN int
	}
	if err := json.Unmarshal(out.Bytes(), &ports); err != nil || len(ports) != 5 || ports[1].AccessVLAN != 100 {
		t.Fatalf("%v %s", err, out.String())
	}
	err = parseRun(t.Context(), &ParseOptions{IO: io, Registry: reg, Platform: "cisco_ios", Command: "show clock", File: "clicmd.go"})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "no parser") {
		t.Errorf("unknown command: %v", err)
	}
	err = parseRun(t.Context(), &ParseOptions{IO: io, Registry: reg, Platform: "junos", Command: "show vlan", File: "clicmd.go"})
	if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "cisco_ios") {
		t.Errorf("unknown platform: %v", err)
	}
}
