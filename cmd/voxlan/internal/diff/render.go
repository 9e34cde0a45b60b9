package diff

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
)

// row is one finding of a section, with what the table shows of it.
type row struct {
	id, from, to, req, sw, port, msg string
}

type section struct {
	key    string // fixed, new, changed, unverified, unchanged
	title  map[string]string
	rows   []row
	status string // the column heading of from/to
}

func sections(d *diff.Diff, lang string) []section {
	mk := func(id, from, to string) row {
		o, n := d.Finding(id)
		f := n
		if f == nil {
			f = o
		}
		r := row{id: id, from: from, to: to}
		if f != nil {
			r.req, r.sw, r.port = f.Requirement, f.Switch, f.Port
			r.msg = f.Message.EN
			if lang == "fr" {
				r.msg = f.Message.FR
			}
		}
		return r
	}
	status := func(f *audit.Finding) string {
		if f == nil {
			return diff.Absent
		}
		return string(f.Status)
	}
	list := func(ids []string) []row {
		out := make([]row, 0, len(ids))
		for _, id := range ids {
			o, n := d.Finding(id)
			out = append(out, mk(id, status(o), status(n)))
		}
		return out
	}
	changed := make([]row, 0, len(d.Changed))
	for _, c := range d.Changed {
		changed = append(changed, mk(c.ID, c.From, c.To))
	}
	return []section{
		{key: "new", title: map[string]string{"en": "New", "fr": "Nouveau"}, rows: list(d.New)},
		{key: "fixed", title: map[string]string{"en": "Fixed", "fr": "Corrigé"}, rows: list(d.Fixed)},
		{key: "changed", title: map[string]string{"en": "Changed", "fr": "Modifié"}, rows: changed},
		{key: "unverified", title: map[string]string{"en": "Gone but not verified (switch not read in full)", "fr": "Disparu sans vérification (switch non lu en entier)"}, rows: list(d.Unverified)},
		{key: "unchanged", title: map[string]string{"en": "Still to do", "fr": "Reste à faire"}, rows: list(d.Unchanged)},
	}
}

func header(d *diff.Diff, lang string) (string, string) {
	side := func(s diff.Side) string {
		return fmt.Sprintf("%s (%s, %s)", s.Ref, s.TakenAt.UTC().Format("2006-01-02 15:04"), s.Verdict)
	}
	s := d.Summary
	if lang == "fr" {
		return fmt.Sprintf("site %s : %s → %s", d.Site, side(d.OldAudit), side(d.NewAudit)),
			fmt.Sprintf("%d corrigé(s), %d nouveau(x) (%d en échec), %d modifié(s), %d non vérifié(s), %d reste(nt) à faire, %d conforme(s) ; %d port(s) modifié(s)",
				s.Fixed, s.New, s.NewFail, s.Changed, s.Unverified, s.Unchanged, s.Passing, s.Ports)
	}
	return fmt.Sprintf("site %s: %s → %s", d.Site, side(d.OldAudit), side(d.NewAudit)),
		fmt.Sprintf("%d fixed, %d new (%d failing), %d changed, %d unverified, %d still to do, %d passing; %d port(s) changed",
			s.Fixed, s.New, s.NewFail, s.Changed, s.Unverified, s.Unchanged, s.Passing, s.Ports)
}

// writeTable prints the diff for a person (tty: headings and aligned
// columns) or, piped, as tab-separated lines for scripts:
// "SECTION ID FROM TO SWITCH PORT MESSAGE" per finding, then
// "port SWITCH PORT CHANGE FIELD FROM TO" per port change.
func writeTable(w io.Writer, d *diff.Diff, lang string, tty bool) error {
	secs := sections(d, lang)
	if !tty {
		for _, s := range secs {
			for _, r := range s.rows {
				if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.key, r.id, r.from, r.to, r.sw, r.port, oneLine(r.msg)); err != nil {
					return err
				}
			}
		}
		for _, pc := range d.Ports {
			for _, f := range portFields(pc) {
				if _, err := fmt.Fprintf(w, "port\t%s\t%s\t%s\t%s\t%s\t%s\n", pc.Switch, pc.Port, pc.Change, f.Field, f.From, f.To); err != nil {
					return err
				}
			}
		}
		return nil
	}
	title, summary := header(d, lang)
	fmt.Fprintln(w, title)
	fmt.Fprintln(w, summary)
	for _, s := range secs {
		if len(s.rows) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d)\n", strings.ToUpper(s.title[lang]), len(s.rows))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  FROM\tTO\tREQ\tSWITCH\tPORT\tMESSAGE")
		for _, r := range s.rows {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", r.from, r.to, r.req, r.sw, r.port, oneLine(r.msg))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(d.Ports) > 0 {
		fmt.Fprintf(w, "\nPORTS (%d)\n", len(d.Ports))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  SWITCH\tPORT\tCHANGE\tFIELD\tFROM\tTO")
		for _, pc := range d.Ports {
			for _, f := range portFields(pc) {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", pc.Switch, pc.Port, pc.Change, f.Field, f.From, f.To)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if !d.SnapshotsCompared {
		fmt.Fprintln(w, map[string]string{
			"en": "\n(ports compared by role only: an audit JSON file carries no snapshot; history references do)",
			"fr": "\n(ports comparés par rôle seulement : un fichier d'audit JSON n'a pas d'instantané ; les références d'historique en ont)",
		}[lang])
	}
	return nil
}

// portFields lists a port change's fields; an added or removed port or
// switch is one line with no field.
func portFields(pc diff.PortChange) []diff.FieldChange {
	if len(pc.Fields) > 0 {
		return pc.Fields
	}
	return []diff.FieldChange{{}}
}

// writeMarkdown writes the diff as a Markdown document (for a ticket or
// the site's file).
func writeMarkdown(w io.Writer, d *diff.Diff, lang string) error {
	title, summary := header(d, lang)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n", mdEscape(title), mdEscape(summary))
	for _, s := range sections(d, lang) {
		if len(s.rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n\n| from | to | req | switch | port | finding |\n|---|---|---|---|---|---|\n", s.title[lang], len(s.rows))
		for _, r := range s.rows {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.from, r.to, r.req, mdEscape(r.sw), mdEscape(r.port), mdEscape(r.msg))
		}
	}
	if len(d.Ports) > 0 {
		fmt.Fprintf(&b, "\n## Ports (%d)\n\n| switch | port | change | field | from | to |\n|---|---|---|---|---|---|\n", len(d.Ports))
		for _, pc := range d.Ports {
			for _, f := range portFields(pc) {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdEscape(pc.Switch), mdEscape(pc.Port), pc.Change, f.Field, mdEscape(f.From), mdEscape(f.To))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mdEscape keeps text inside its table cell: no pipe, no line break, no
// markup taken from a switch's name or message.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)
	return r.Replace(oneLine(s))
}
