package report

import (
	"slices"
	"strings"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
)

// Panel is a switch's front panel: its physical ports in blocks (one per
// stack member or module, "Gi1/0/" then "Te1/1/"), each block two rows with
// odd positions on top as most switches print them.
type Panel struct {
	Blocks []PanelBlock
}

// PanelBlock is a run of ports sharing a name prefix.
type PanelBlock struct {
	Prefix  string
	Columns int
	Ports   []PanelPort
}

// PanelPort is one port drawn on the panel.
type PanelPort struct {
	Name string
	// Label is the number printed on the port (the name's last digits).
	Label string
	Row   int
	Col   int
	Role  audit.Role
	// Status is the worst finding on the port, "" when none names it;
	// Worst is that finding.
	Status audit.Status
	Worst  *audit.Finding
	OperUp bool
	// Powered is true when the port delivers PoE now; PoEUnread when
	// whether it does was not read (never "no").
	Powered, PoEUnread bool
	// Phones is how many telephones the audit counted behind the port.
	Phones int
	// SpeedMbps is the running speed, 0 when the link is down.
	SpeedMbps int
	// Evidence is what the audit based the role on.
	Evidence []audit.Evidence
}

// panelGroup is the column gap period: ports come in groups of 12 (6
// columns of 2) on most front panels.
const panelGroup = 6

// buildPanel lays out a switch's ports. With a snapshot, the physical
// ports of the switch; without, the ports the audit names.
func buildPanel(target string, sw *snapshot.Switch, roles []audit.PortRole, byPort map[[2]string]audit.PortRole, findings []audit.Finding) Panel {
	type portInfo struct {
		name               string
		operUp             bool
		powered, poeUnread bool
		speed              int
	}
	var ports []portInfo
	if sw != nil {
		for _, p := range sw.Ports {
			if p.Type != "ethernetCsmacd" || p.NotPresent {
				continue
			}
			info := portInfo{name: p.Name, operUp: p.OperUp, powered: p.PoE.Delivering(), poeUnread: poeUnread(sw, &p)}
			if p.OperUp {
				// A down port reports its last or default speed: none
				// is running.
				info.speed = p.SpeedMbps
			}
			ports = append(ports, info)
		}
	} else {
		seen := map[string]bool{}
		for _, pr := range roles {
			if pr.Switch == target && !seen[pr.Port] {
				seen[pr.Port] = true
				ports = append(ports, portInfo{name: pr.Port, operUp: pr.Role != audit.RoleEmpty})
			}
		}
		for _, f := range findings {
			if f.Port != "" && !seen[f.Port] {
				seen[f.Port] = true
				ports = append(ports, portInfo{name: f.Port})
			}
		}
		slices.SortStableFunc(ports, func(a, b portInfo) int { return audit.ComparePorts(a.name, b.name) })
	}
	worst := map[string]*audit.Finding{}
	for i := range findings {
		f := &findings[i]
		if f.Port == "" {
			continue
		}
		if cur, ok := worst[f.Port]; !ok || f.Status.Severity() > cur.Status.Severity() {
			worst[f.Port] = f
		}
	}
	var panel Panel
	blockIndex := map[string]int{}
	for _, p := range ports {
		prefix, label := splitPortName(p.name)
		bi, ok := blockIndex[prefix]
		if !ok {
			bi = len(panel.Blocks)
			blockIndex[prefix] = bi
			panel.Blocks = append(panel.Blocks, PanelBlock{Prefix: prefix})
		}
		pp := PanelPort{Name: p.name, Label: label, OperUp: p.operUp, Powered: p.powered, PoEUnread: p.poeUnread, SpeedMbps: p.speed, Role: audit.RoleUnknown}
		if w := worst[p.name]; w != nil {
			pp.Status, pp.Worst = w.Status, w
		}
		if pr, ok := byPort[[2]string{target, p.name}]; ok {
			pp.Role, pp.Phones, pp.Evidence = pr.Role, pr.Phones, pr.Evidence
		} else if !p.operUp {
			pp.Role = audit.RoleEmpty
		}
		panel.Blocks[bi].Ports = append(panel.Blocks[bi].Ports, pp)
	}
	for bi := range panel.Blocks {
		b := &panel.Blocks[bi]
		for i := range b.Ports {
			b.Ports[i].Col, b.Ports[i].Row = i/2, i%2
		}
		b.Columns = (len(b.Ports) + 1) / 2
	}
	return panel
}

// splitPortName cuts "GigabitEthernet1/0/12" into "GigabitEthernet1/0/" and
// "12". A name without trailing digits is its own label.
func splitPortName(name string) (prefix, label string) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i == len(name) {
		return "", name
	}
	return name[:i], name[i:]
}

// panelGeometry places blocks left to right and wraps them to a new line
// when they would pass width. Units are abstract: a port is unit wide and
// high, with gaps as fractions of it. Each renderer scales the result.
type placedPort struct {
	Port PanelPort
	X, Y float64
}

type placedBlock struct {
	Prefix string
	X, Y   float64
	W, H   float64
}

const (
	portW      = 1.0
	portH      = 0.85
	portGapX   = 0.15
	portGapY   = 0.2
	groupGap   = 0.5
	blockGap   = 1.0
	blockPadX  = 0.3
	blockTop   = 0.8 // room for the block's prefix above its ports
	lineGapY   = 0.6
	blockPadY  = 0.3
	maxColumns = 24 // a block wider than this (48 ports) is split onto several lines
)

func panelGeometry(p Panel, width float64) (blocks []placedBlock, ports []placedPort, totalW, height float64) {
	x, y, lineH := 0.0, 0.0, 0.0
	for _, b := range p.Blocks {
		// Very long blocks (a 96-port chassis module) are cut into chunks.
		for start := 0; start < b.Columns; start += maxColumns {
			cols := min(b.Columns-start, maxColumns)
			groups := (cols - 1) / panelGroup
			w := 2*blockPadX + float64(cols)*portW + float64(cols-1)*portGapX + float64(groups)*groupGap
			h := blockTop + 2*portH + portGapY + blockPadY
			if x > 0 && x+w > width {
				x, y = 0, y+lineH+lineGapY
				lineH = 0
			}
			blocks = append(blocks, placedBlock{Prefix: strings.TrimSpace(b.Prefix), X: x, Y: y, W: w, H: h})
			for _, pp := range b.Ports {
				if pp.Col < start || pp.Col >= start+cols {
					continue
				}
				c := pp.Col - start
				px := x + blockPadX + float64(c)*(portW+portGapX) + float64(c/panelGroup)*groupGap
				py := y + blockTop + float64(pp.Row)*(portH+portGapY)
				ports = append(ports, placedPort{Port: pp, X: px, Y: py})
			}
			totalW = max(totalW, x+w)
			x += w + blockGap
			lineH = max(lineH, h)
		}
	}
	return blocks, ports, totalW, y + lineH
}

// attention lists the ports whose worst finding is a failure, a warning or
// unknown, worst first, for the table under the panel.
func (p Panel) attention() []PanelPort {
	var out []PanelPort
	for _, b := range p.Blocks {
		for _, pp := range b.Ports {
			if pp.Worst != nil && pp.Status.Severity() >= audit.StatusWarn.Severity() {
				out = append(out, pp)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b PanelPort) int { return b.Status.Severity() - a.Status.Severity() })
	return out
}

// attentionTable is that list as a table every renderer draws.
func attentionTable(c *Catalog, p Panel) (infoTable, bool) {
	ports := p.attention()
	t := infoTable{Title: c.T("portmap.attention"), Head: []string{c.T("col.port"), c.T("col.role"), c.T("col.status"), c.T("col.message")}, StatusCol: 2}
	for _, pp := range ports {
		t.Rows = append(t.Rows, []string{pp.Name, c.role(pp.Role), "", pp.Worst.Requirement + " — " + c.message(pp.Worst.Message)})
		t.Statuses = append(t.Statuses, pp.Status)
	}
	return t, len(ports) > 0
}

// poeUnread says whether a port's PoE delivery is unknown: its PoE row
// lacks the detection, or it has none on a switch whose PoE (or ports'
// PoE) was not read, as the audit judges it.
func poeUnread(sw *snapshot.Switch, p *snapshot.Port) bool {
	if p.PoE != nil {
		return !p.PoE.Delivering() && !p.PoE.Off() && !p.PoE.DetectionKnown()
	}
	for _, e := range sw.Errors {
		if e.Stage == "poe" {
			return true
		}
	}
	return sw.PoE.PortsNotRead || (!sw.PoE.Supported && sw.Source != snapshot.SourceCLI)
}
