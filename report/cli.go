package report

// The plan section words each change for people; the exact CLI lines a
// switch will receive are in `voxlan plan -o json`. Given to the report
// (--plan), they go to an appendix, capped per switch so a campus does
// not turn the report into a configuration dump: the file keeps them all
// and the appendix says so by name. The document is read as drivers/apply
// writes it (apply.PlanDocument, apply.DecodePlanDocument).

// cliLinesMax is how many CLI lines of one switch the report prints; the
// plan or apply file holds the rest.
const cliLinesMax = 40

// cliBlock is one switch of the appendix (or of the applied section's
// lines sent): the lines shown and how many the file holds beyond them.
type cliBlock struct {
	Title string
	Lines []string
	More  int
}

func capLines(lines []string) ([]string, int) {
	if len(lines) <= cliLinesMax {
		return lines, 0
	}
	return lines[:cliLinesMax], len(lines) - cliLinesMax
}

// cliBlocks is the appendix: each planned switch's first lines.
func cliBlocks(c *Catalog, d *Document) []cliBlock {
	if d.PlanCLI == nil {
		return nil
	}
	var out []cliBlock
	for _, sw := range d.PlanCLI.Switches {
		if len(sw.Lines) == 0 {
			continue
		}
		shown, more := capLines(sw.Lines)
		title := d.SwitchLabel(sw.Switch)
		if sw.Platform != "" {
			title += " — " + sw.Platform
		}
		out = append(out, cliBlock{Title: title, Lines: shown, More: more})
	}
	return out
}

// cliMore says where the lines not printed are.
func (c *Catalog) cliMore(more int, file string) string {
	if file == "" {
		return c.T("cli.moreNoFile", "n", c.Int(more))
	}
	return c.T("cli.more", "n", c.Int(more), "file", file)
}

// planCLIHint says where the exact lines are: the appendix when a plan was
// given, else the command that writes them.
func (c *Catalog) planCLIHint(d *Document) string {
	if d.PlanCLI != nil {
		return c.T("plan.cliAppendix", "section", c.T("section.cli"))
	}
	return c.T("plan.cliCommand", "site", d.Site)
}
