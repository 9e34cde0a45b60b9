package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/voxlan/voxlan/audit"
)

// roleColors fill a port by what sits behind it; statusColors draw its
// border by its worst finding. Both print legibly in grey scale too: the
// status border also changes width.
var roleColors = map[audit.Role]string{
	audit.RoleUplink:          "#37474f",
	audit.RolePhone:           "#1e88e5",
	audit.RolePhonePC:         "#7e57c2",
	audit.RolePC:              "#90caf9",
	audit.RoleAccessPoint:     "#26a69a",
	audit.RoleUnmanagedSwitch: "#ff7043",
	audit.RoleEmpty:           "#ffffff",
	audit.RoleUnknown:         "#bdbdbd",
}

// roleOrder is the legend's order.
var roleOrder = []audit.Role{
	audit.RolePhone, audit.RolePhonePC, audit.RolePC, audit.RoleAccessPoint,
	audit.RoleUplink, audit.RoleUnmanagedSwitch, audit.RoleUnknown, audit.RoleEmpty,
}

var statusColors = map[audit.Status]string{
	audit.StatusFail:    "#d32f2f",
	audit.StatusUnknown: "#757575",
	audit.StatusWarn:    "#f9a825",
	audit.StatusManual:  "#5c6bc0",
	audit.StatusPass:    "#2e7d32",
	StatusNotApplicable: "#9e9e9e",
	"":                  "#9e9e9e",
}

var statusOrder = []audit.Status{audit.StatusFail, audit.StatusUnknown, audit.StatusWarn, audit.StatusPass}

var verdictColors = map[audit.Verdict]string{
	audit.VerdictPass:       "#2e7d32",
	audit.VerdictFail:       "#c62828",
	audit.VerdictIncomplete: "#ef6c00",
}

func roleColor(r audit.Role) string {
	if c, ok := roleColors[r]; ok {
		return c
	}
	return roleColors[audit.RoleUnknown]
}

func statusColor(s audit.Status) string {
	if c, ok := statusColors[s]; ok {
		return c
	}
	return statusColors[audit.StatusUnknown]
}

// textOn picks black or white text for a fill.
func textOn(fill string) string {
	switch fill {
	case "#37474f", "#1e88e5", "#7e57c2", "#26a69a", "#d32f2f", "#2e7d32", "#c62828", "#757575":
		return "#ffffff"
	}
	return "#000000"
}

func statusStroke(s audit.Status) float64 {
	switch s {
	case audit.StatusFail, audit.StatusUnknown:
		return 3
	case audit.StatusWarn:
		return 2.5
	case "":
		return 1
	}
	return 1.5
}

// svgScale is pixels per panel unit: 48 ports fit in 180 mm (A4 minus
// margins) at print resolution.
const (
	svgScale = 24.0
	svgWidth = 800.0
)

// portMapSVG draws a switch's front panel as inline SVG: no external
// reference, a <title> per port so a browser shows it on hover.
func portMapSVG(c *Catalog, p Panel) string {
	blocks, ports, w, h := panelGeometry(p, svgWidth/svgScale)
	var b strings.Builder
	width, height := w*svgScale+4, h*svgScale+4
	fmt.Fprintf(&b, `<svg class="panel" role="img" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f">`, width, height, width, height)
	for _, bl := range blocks {
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="4" fill="#eceff1" stroke="#90a4ae"/>`,
			bl.X*svgScale+1, bl.Y*svgScale+1, bl.W*svgScale, bl.H*svgScale)
		if bl.Prefix != "" {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" fill="#455a64">%s</text>`,
				(bl.X+blockPadX)*svgScale+1, bl.Y*svgScale+13, html.EscapeString(bl.Prefix))
		}
	}
	for _, pp := range ports {
		x, y := pp.X*svgScale+1, pp.Y*svgScale+1
		w, hh := portW*svgScale, portH*svgScale
		fill := roleColor(pp.Port.Role)
		status := c.T("portmap.noFinding")
		if pp.Port.Status != "" {
			status = c.status(pp.Port.Status)
		}
		title := c.T("portmap.portTitle", "port", pp.Port.Name, "role", c.role(pp.Port.Role), "status", status)
		if pp.Port.Powered {
			title += ", " + c.T("portmap.powered")
		}
		if !pp.Port.OperUp {
			title += ", " + c.T("portmap.linkDown")
		}
		sw := statusStroke(pp.Port.Status)
		fmt.Fprintf(&b, `<g><title>%s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" fill="%s" stroke="%s" stroke-width="%.1f"/>`,
			html.EscapeString(title), x+sw/2, y+sw/2, w-sw, hh-sw, fill, statusColor(pp.Port.Status), sw)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="9" text-anchor="middle" fill="%s">%s</text>`,
			x+w/2, y+hh/2+3, textOn(fill), html.EscapeString(pp.Port.Label))
		if pp.Port.Powered {
			// A small bolt-like mark in the corner for PoE delivering power.
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.2" fill="#fdd835" stroke="#000" stroke-width="0.4"/>`, x+w-4.5, y+4.5)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// legendSVG is one swatch: fill for a role, border for a status.
func swatchSVG(fill, stroke string, strokeWidth float64) string {
	return fmt.Sprintf(`<svg class="swatch" viewBox="0 0 18 14" width="18" height="14"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" fill="%s" stroke="%s" stroke-width="%.1f"/></svg>`,
		strokeWidth/2+0.5, strokeWidth/2+0.5, 17-strokeWidth, 13-strokeWidth, fill, stroke, strokeWidth)
}
