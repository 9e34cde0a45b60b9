// Package tuiwire wires the terminal UI (package tui and its screens) to
// voxlan's libraries: SNMP discovery with the Site screen's progress, the
// drivers behind the Plan screen, and the program on the user's terminal.
// The tui and demo verbs, and `voxlan` alone, open the UI through it, so
// no verb imports another and only demo links the simulated site.
package tuiwire

import (
	"context"
	"errors"
	"fmt"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
	ui "github.com/voxlan/voxlan/tui"
	"github.com/voxlan/voxlan/tui/common"
)

// DiscoveryStages are the steps snmp reports for a switch, in the order it
// starts them; the Site screen draws each switch's bar from them.
var DiscoveryStages = []string{"system", "interfaces", "ethernet", "entity", "bridge", "vlans", "fdb", "lldp", "lldp-med", "cdp", "poe", "cisco-vlans"}

// Discoverer adapts snmp.DiscoverSwitch to the UI: one switch per call, its
// events turned into the UI's progress. The events are serialised here:
// DiscoverSwitch reports from each of its parallel walks.
func Discoverer(opts snmp.Options) common.DiscoverFunc {
	return func(ctx context.Context, target string, progress func(common.Progress)) snapshot.Switch {
		var mu sync.Mutex
		o := opts
		o.Progress = func(ev snmp.Event) {
			mu.Lock()
			defer mu.Unlock()
			progress(common.Progress{Stage: ev.Stage, Rows: ev.Rows, Done: ev.Done, Err: ev.Err})
		}
		return snmp.DiscoverSwitch(ctx, snmp.Target{Address: target}, o)
	}
}

// Open runs the UI on deps on the terminal of io until the user leaves,
// and always gives the terminal back: Bubble Tea restores it on return, on
// a panic in the UI and when ctx is cancelled.
func Open(ctx context.Context, io *cmdutil.IOStreams, deps *common.Deps) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	deps.Context = ctx
	_, err := tea.NewProgram(ui.New(deps), programOptions(ctx, io)...).Run()
	if err != nil && ctx.Err() != nil && errors.Is(err, tea.ErrProgramKilled) {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("tui: %w", err)
	}
	return nil
}

func programOptions(ctx context.Context, streams *cmdutil.IOStreams) []tea.ProgramOption {
	// Signals end ctx (cli.Main's NotifyContext), so the program is
	// killed with the terminal restored and voxlan exits "interrupted";
	// Bubble Tea's own handler would quit as if q had been pressed.
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithoutSignalHandler()}
	if streams.In != nil {
		opts = append(opts, tea.WithInput(streams.In))
	}
	if streams.Out != nil {
		opts = append(opts, tea.WithOutput(streams.Out))
	}
	return opts
}

// Interactive reports whether io is a terminal on both sides, where the UI
// can open.
func Interactive(io *cmdutil.IOStreams) bool { return io.InTTY && io.OutTTY }
