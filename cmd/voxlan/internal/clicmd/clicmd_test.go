package clicmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/internal/readcap"
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

// TestParseRunBounded: /dev/zero or an endless pipe is an input error once
// past the limit, not an out-of-memory crash.
func TestParseRunBounded(t *testing.T) {
	reg, _ := all.New()
	io := &cmdutil.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, In: zeros{}}
	for _, file := range []string{"/dev/zero", "-"} {
		err := parseRun(t.Context(), &ParseOptions{IO: io, Registry: reg, Platform: "cisco_ios", Command: "show interfaces switchport", File: file})
		if cmdutil.CodeFor(err) != cmdutil.ExitUsage || !errors.Is(err, readcap.ErrTooLarge) {
			t.Errorf("%s: got %v, want a usage error saying it is too large", file, err)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestParseRunJunos: `voxlan cli parse --platform juniper_junos` on a real
// show vlans and on a display-set configuration.
func TestParseRunJunos(t *testing.T) {
	reg, _ := all.New()
	var out bytes.Buffer
	io := &cmdutil.IOStreams{Out: &out, ErrOut: &bytes.Buffer{}}
	err := parseRun(t.Context(), &ParseOptions{IO: io, Registry: reg, Platform: "juniper_junos", Command: "show vlans",
		File: "../../../../drivers/juniper_junos/testdata/ntc/show_vlans/juniper_junos_show_vlans.raw"})
	if err != nil {
		t.Fatal(err)
	}
	var vlans []struct {
		Name string
		Tag  int
	}
	if err := json.Unmarshal(out.Bytes(), &vlans); err != nil || len(vlans) != 3 || vlans[1].Tag != 1005 {
		t.Fatalf("%v %s", err, out.String())
	}
	out.Reset()
	err = parseRun(t.Context(), &ParseOptions{IO: io, Registry: reg, Platform: "juniper_junos", Command: "show configuration | display set",
		File: "../../../../drivers/juniper_junos/testdata/config.txt"})
	if err != nil || !strings.Contains(out.String(), `"Hostname": "ex2300-access-1"`) {
		t.Errorf("%v %s", err, out.String())
	}
}
