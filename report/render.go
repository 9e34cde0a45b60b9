package report

import (
	"fmt"
	"io"
	"slices"
)

// Format is an output format of voxlan report.
type Format string

const (
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
	FormatMarkdown Format = "md"
	FormatCSV      Format = "csv"
	FormatJSON     Format = "json"
)

// Formats lists the formats, as -o accepts them.
var Formats = []Format{FormatHTML, FormatPDF, FormatMarkdown, FormatCSV, FormatJSON}

// Ext is the file name extension of a format.
func (f Format) Ext() string { return "." + string(f) }

// ParseFormat accepts a -o value.
func ParseFormat(s string) (Format, error) {
	f := Format(s)
	if f == "markdown" {
		return FormatMarkdown, nil
	}
	if slices.Contains(Formats, f) {
		return f, nil
	}
	return "", fmt.Errorf("report: format %q is not one of %q", s, Formats)
}

// Render writes docs in format f. Several documents give one combined file
// (HTML and PDF with a contents page). CSV writes the findings table; the
// ports table is RenderPortsCSV.
func Render(w io.Writer, f Format, c *Catalog, docs []*Document, opts Options) error {
	if len(docs) == 0 {
		return ErrNoResult
	}
	switch f {
	case FormatHTML:
		return RenderHTML(w, c, docs, opts)
	case FormatPDF:
		return RenderPDF(w, c, docs, opts)
	case FormatMarkdown:
		return RenderMarkdown(w, c, docs, opts)
	case FormatCSV:
		return RenderFindingsCSV(w, c, docs)
	case FormatJSON:
		return RenderJSON(w, docs)
	}
	return fmt.Errorf("report: format %q is not one of %q", f, Formats)
}
