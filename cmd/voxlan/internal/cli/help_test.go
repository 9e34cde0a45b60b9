package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
)

// Every command's help shows how to run it (Examples) and what its exit
// status means (Exit codes), as the README's table promises.
func TestEveryCommandHasExamplesAndExitCodes(t *testing.T) {
	root := NewCmdRoot(cmdutil.NewFactory())
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			if strings.TrimSpace(sub.Example) == "" {
				t.Errorf("%s: no Example", sub.CommandPath())
			}
			if !strings.Contains(sub.Long, "Exit codes:") {
				t.Errorf("%s: its Long help says nothing of its exit codes", sub.CommandPath())
			}
			walk(sub)
		}
	}
	walk(root)
}
