package drivers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/voxlan/voxlan/snapshot"
)

// SnapshotFromCLI builds a switch from saved show outputs: one file per
// command in dir, named after the command with spaces as underscores and
// any extension ("show_interfaces_switchport.txt"). Files the driver has
// no parser for are listed in the switch's errors, not fatal.
func SnapshotFromCLI(d Driver, dir string) (*snapshot.Switch, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("drivers: %w", err)
	}
	known := map[string]bool{}
	for _, c := range d.Commands() {
		known[c] = true
	}
	outputs := map[string]string{}
	sw := &snapshot.Switch{Target: filepath.Base(dir), Source: snapshot.SourceCLI, VLANs: []snapshot.VLAN{},
		Ports: []snapshot.Port{}, Errors: []snapshot.Error{}, PoE: snapshot.PoE{PSEs: []snapshot.PSE{}}}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimSuffix(name, filepath.Ext(name))
		cmd := strings.Join(strings.Fields(strings.ReplaceAll(base, "_", " ")), " ")
		// A command the driver knows under another spelling (Junos'
		// show_configuration_display_set for "| display set") parses, or
		// fails on the empty text for another reason than ErrUnsupported.
		if _, err := d.Parse(cmd, ""); errors.Is(err, ErrUnsupported) && !known[cmd] {
			sw.Errors = append(sw.Errors, snapshot.Error{Target: name, Stage: "cli",
				Message: fmt.Sprintf("no %s parser for %q; known commands: %s", d.Name(), cmd, strings.Join(d.Commands(), ", "))})
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("drivers: %w", err)
		}
		outputs[cmd] = string(b)
	}
	if len(outputs) == 0 {
		return nil, fmt.Errorf("drivers: %s holds no show output %s reads (expected files like %s.txt)", dir, d.Name(),
			strings.ReplaceAll(d.Commands()[0], " ", "_"))
	}
	if err := d.Fill(sw, outputs); err != nil {
		return nil, err
	}
	a := d.Attrs()
	sw.Vendor, sw.OS = a.Vendor, d.Name()
	return sw, nil
}
