// Package cli is voxlan's root command. Each verb lives in its own package under
// cmd/voxlan/internal and is listed once, below, in NewCmdRoot.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/sites"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tui"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tuiwire"
	"github.com/voxlan/voxlan/tui/common"
)

// Main runs voxlan with the process's arguments and returns the exit code.
func Main() int {
	return MainWith(cmdutil.NewFactory())
}

// MainWith runs voxlan with the process's arguments on f: the test binary
// gives scripts a factory whose interface listing is recorded, so no
// script ever finds a jack on the host.
func MainWith(f *cmdutil.Factory) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, f, os.Args[1:])
}

// Run runs voxlan with args against the factory's streams.
func Run(ctx context.Context, f *cmdutil.Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	if f.IO.Interrupted == nil {
		f.IO.Interrupted = func() bool { return ctx.Err() != nil }
	}
	err := root.ExecuteContext(ctx)
	if err == nil {
		return cmdutil.ExitOK
	}
	if ctx.Err() != nil {
		fmt.Fprintln(f.IO.ErrOut, "voxlan: interrupted")
		return cmdutil.ExitCancelled
	}
	var ee *cmdutil.ExitError
	if !errors.As(err, &ee) || ee.Err != nil {
		fmt.Fprintln(f.IO.ErrOut, "voxlan: "+err.Error())
	}
	if isUsage(err) {
		return cmdutil.ExitUsage
	}
	return cmdutil.CodeFor(err)
}

// isUsage recognises cobra's own flag and argument errors.
func isUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// NewCmdRoot builds the command tree. Every verb is added here, one line each.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "voxlan",
		Short: "Get a site's LAN ready for IP phones",
		Long: `voxlan discovers the switches of a site (SNMP, LLDP/CDP), audits them
against the voice prerequisites (PoE, 802.1Q, voice VLAN, LLDP-MED, DHCP,
transport quality), pushes the fix over SSH and writes the report.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// --version prints what `voxlan version` prints; Version (the short
	// form) is what the report names as its maker.
	info := cmdutil.ReadBuildInfo()
	root.Version = info.Short()
	root.SetVersionTemplate(info.Long())
	// voxlan alone on a terminal opens the UI; piped, it prints the help.
	root.RunE = func(c *cobra.Command, _ []string) error {
		if !tuiwire.Interactive(f.IO) {
			return c.Help()
		}
		// Nothing says where the jack is: the Here screen finds it among
		// the laptop's interfaces.
		deps := &common.Deps{Now: f.Now}
		tui.FindJack(deps, tui.JackOptions{}, tui.HostJacks(f.Interfaces))
		return tuiwire.Open(c.Context(), f.IO, deps)
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return cmdutil.UsageError("%v\nSee '%s --help'.", err, c.CommandPath())
	})
	addCommands(root, f)
	sites.RegisterCompletions(root)
	return root
}
