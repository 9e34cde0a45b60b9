package sites

import (
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/voxlan/voxlan/drivers/all"
	"github.com/voxlan/voxlan/inventory"
	"github.com/voxlan/voxlan/profile"
	"github.com/voxlan/voxlan/snmp"
)

// formatWords are the output formats any command offers; a command's own
// are those its -o usage names.
var formatWords = regexp.MustCompile(`\b(table|jsonl|json|yaml|html|pdf|md|csv)\b`)

// RegisterCompletions gives every command of the tree under root shell
// completion of its flag values: -o (the formats its usage names), --lang,
// --profile (built-in names, or a file), --platform (the drivers, and auto
// where accepted), --site (the sites of the --inventory given on the same
// line), --snmp-transport (udp, tcp).
func RegisterCompletions(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if fn := completionFor(f); fn != nil {
				_ = c.RegisterFlagCompletionFunc(f.Name, fn)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

type completeFunc = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective)

func fixed(values []string) completeFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

func completionFor(f *pflag.Flag) completeFunc {
	switch f.Name {
	case "output":
		usage, _, _ := strings.Cut(f.Usage, "(default")
		var values []string
		for _, w := range formatWords.FindAllString(usage, -1) {
			if !slices.Contains(values, w) {
				values = append(values, w)
			}
		}
		if len(values) == 0 {
			return nil
		}
		return fixed(values)
	case "lang":
		return fixed([]string{"en", "fr"})
	case "snmp-transport":
		return fixed(snmp.Transports)
	case "profile":
		return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			// A built-in name, or an edited copy's file.
			return profile.Names(), cobra.ShellCompDirectiveDefault
		}
	case "platform":
		return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			reg, err := all.New()
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			names := reg.Names()
			if strings.Contains(f.Usage, PlatformAuto) {
				names = append(names, PlatformAuto)
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		}
	case "site":
		return func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			path, err := c.Flags().GetString("inventory")
			if err != nil || path == "" {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			inv, err := inventory.Load(path)
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			names := make([]string, len(inv.Sites))
			for i, s := range inv.Sites {
				names[i] = s.Name
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		}
	}
	return nil
}
