package cli

import (
	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/apply"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/audit"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/clicmd"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/decode"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/demo"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/diff"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/discover"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/here"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/history"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/inventory"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/plan"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/probe"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/profile"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/report"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/tui"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/version"
)

// addCommands is the one list of voxlan's verbs. A new verb is a package
// under cmd/voxlan/internal and one line here.
func addCommands(root *cobra.Command, f *cmdutil.Factory) {
	root.AddCommand(discover.NewCmdDiscover(f, nil))
	root.AddCommand(audit.NewCmdAudit(f, nil))
	root.AddCommand(profile.NewCmdProfile(f, nil))
	root.AddCommand(inventory.NewCmdInventory(f, nil))
	root.AddCommand(tui.NewCmdTUI(f, nil))
	root.AddCommand(decode.NewCmdDecode(f, nil))
	root.AddCommand(here.NewCmdHere(f, nil))
	root.AddCommand(probe.NewCmdProbe(f, nil))
	root.AddCommand(demo.NewCmdDemo(f, nil))
	root.AddCommand(report.NewCmdReport(f, nil))
	root.AddCommand(plan.NewCmdPlan(f, nil))
	root.AddCommand(apply.NewCmdApply(f, nil))
	root.AddCommand(clicmd.NewCmdCLI(f, nil))
	root.AddCommand(history.NewCmdHistory(f, nil))
	root.AddCommand(diff.NewCmdDiff(f, nil))
	root.AddCommand(version.NewCmdVersion(f, nil))
}
