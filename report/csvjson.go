package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/voxlan/voxlan/audit"
)

// csvSafe keeps a spreadsheet from running device data as a formula
// (a port alias "=HYPERLINK(...)"): such a cell gets a leading apostrophe,
// which spreadsheets hide.
func csvSafe(row []string) []string {
	for i, s := range row {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				row[i] = "'" + s
			}
		}
	}
	return row
}

// csvWriter uses the language's list separator: ";" in French, where the
// comma is the decimal mark and spreadsheets expect semicolons.
//
// French files start with a UTF-8 byte order mark: without it Excel reads
// them in the system's code page and the accents come out garbled.
func csvWriter(w io.Writer, c *Catalog) *csv.Writer {
	if c.Lang == French {
		_, _ = io.WriteString(w, "\ufeff") // a write error resurfaces at Flush
	}
	cw := csv.NewWriter(w)
	if r, _ := utf8.DecodeRuneInString(c.T("format.csvSep")); r != utf8.RuneError {
		cw.Comma = r
	}
	return cw
}

// RenderFindingsCSV writes one row per finding of every document, worst
// first within each switch, for spreadsheets. The status column holds the
// stable value (pass, fail...) and the next one the word in the language.
func RenderFindingsCSV(w io.Writer, c *Catalog, docs []*Document) error {
	cw := csvWriter(w, c)
	cw.Write([]string{c.T("col.site"), c.T("col.finding"), c.T("col.id"), c.T("col.check.name"), c.T("col.statusCode"), c.T("col.status"),
		c.T("col.switch"), c.T("col.port"), c.T("col.message"), c.T("col.evidence"), c.T("col.fix")})
	for _, d := range docs {
		all := append([]audit.Finding{}, d.SiteFindings...)
		for _, s := range d.Switches {
			all = append(all, s.Findings...)
		}
		for _, f := range all {
			cw.Write(csvSafe([]string{d.Site, f.ID, f.Requirement, f.Check, string(f.Status), c.status(f.Status),
				f.Switch, f.Port, c.message(f.Message), c.evidence(f.Evidence), strings.Join(c.fixes(f), "\n")}))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

// RenderPortsCSV writes one row per physical port of every switch: its
// role, the worst finding on it and what the switch reported.
func RenderPortsCSV(w io.Writer, c *Catalog, docs []*Document) error {
	cw := csvWriter(w, c)
	cw.Write([]string{c.T("col.site"), c.T("col.switch"), c.T("col.name"), c.T("col.port"), c.T("col.roleCode"), c.T("col.role"),
		c.T("col.statusCode"), c.T("col.status"), c.T("col.phones"), c.T("col.linkUp"), c.T("col.speedMbps"), c.T("col.poePowered"), c.T("col.evidence")})
	yesNo := func(b bool) string {
		if b {
			return c.T("applied.yes")
		}
		return c.T("applied.no")
	}
	for _, d := range docs {
		for _, s := range d.Switches {
			for _, b := range s.Panel.Blocks {
				for _, p := range b.Ports {
					speed := ""
					if p.OperUp && p.SpeedMbps > 0 {
						speed = c.Int(p.SpeedMbps)
					}
					poe := yesNo(p.Powered)
					if p.PoEUnread {
						poe = c.T("poe.notRead")
					}
					statusWord := c.T("portmap.noFinding")
					if p.Status != "" {
						statusWord = c.status(p.Status)
					}
					cw.Write(csvSafe([]string{d.Site, s.Target, s.Name, p.Name, string(p.Role), c.role(p.Role),
						string(p.Status), statusWord, fmt.Sprint(p.Phones), yesNo(p.OperUp), speed, poe,
						c.evidence(p.Evidence)}))
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

// RenderJSON writes the audit results as given, sizing included
// ("schema": "voxlan.audit/v1"): one object for one site, an array for
// several. JSON is for programs and is the same in every language.
func RenderJSON(w io.Writer, docs []*Document) error {
	if len(docs) == 1 {
		return audit.Encode(w, docs[0].Result)
	}
	results := make([]*audit.Result, len(docs))
	for i, d := range docs {
		d.Result.Normalize()
		results[i] = d.Result
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(results); err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	return nil
}
