package here

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/tui/common"
)

// finder is the search for the jack's interface when none was named:
// the wired interfaces with a link, the only one used at once, several
// offered to pick from.
type finder struct {
	listing bool
	done    bool
	err     error
	ifaces  []common.WiredInterface
	picking bool
	cursor  int
	// chosen is the interface listened on; picked says the technician
	// chose it among several.
	chosen string
	picked bool
}

type interfacesMsg struct {
	ifaces []common.WiredInterface
	err    error
}

func (interfacesMsg) Destination() common.ScreenID { return common.ScreenHere }

// findJack lists the interfaces in a Cmd, when the deps can.
func (m *Model) findJack() tea.Cmd {
	if m.deps.Interfaces == nil || m.deps.JackOn == nil {
		return nil
	}
	m.find = finder{listing: true}
	m.here, m.hereErr, m.probe, m.probeErr = nil, nil, nil, nil
	ctx, list := m.deps.Ctx(), m.deps.Interfaces
	return func() tea.Msg {
		ifaces, err := list(ctx)
		return interfacesMsg{ifaces: ifaces, err: err}
	}
}

// found takes the listing: one interface is used, several are offered.
func (m *Model) found(msg interfacesMsg) tea.Cmd {
	m.find.listing, m.find.done = false, true
	m.find.ifaces, m.find.err = msg.ifaces, msg.err
	switch {
	case msg.err != nil || len(msg.ifaces) == 0:
		return nil
	case len(msg.ifaces) == 1:
		return m.listenOn(msg.ifaces[0].Name, false)
	}
	m.find.picking, m.find.cursor = true, 0
	return nil
}

func (m *Model) pickKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.find.cursor = max(0, m.find.cursor-1)
	case key.Matches(msg, m.keys.Down):
		m.find.cursor = min(len(m.find.ifaces)-1, m.find.cursor+1)
	case key.Matches(msg, m.keys.Pick):
		m.find.picking = false
		return m.listenOn(m.find.ifaces[m.find.cursor].Name, true)
	}
	return nil
}

// listenOn starts listening (then probing) on iface.
func (m *Model) listenOn(iface string, picked bool) tea.Cmd {
	m.find.chosen, m.find.picked = iface, picked
	here, probe, err := m.deps.JackOn(iface)
	if err != nil {
		m.hereErr = fmt.Errorf("%s: %w", iface, err)
		return nil
	}
	m.hereFn, m.probeFn = here, probe
	m.listening = true
	return listen(m.deps.Ctx(), here)
}

// canFindAgain: the search ended without a jack and nothing runs.
func (m *Model) canFindAgain() bool {
	return m.find.done && !m.find.picking && !m.listening && !m.probing &&
		(m.find.err != nil || len(m.find.ifaces) == 0 || m.hereErr != nil)
}

func (f finder) none() string {
	return "no wired Ethernet interface has a link (r looks again, or --iface IF)"
}

// findHint is the line under the header when no jack was found.
func (m *Model) findHint() string {
	if !m.find.done || m.find.picking || m.find.chosen != "" {
		return ""
	}
	return "Plug the laptop into the jack and press r, or name the interface: voxlan tui --iface IF"
}

func (f finder) chosenWhy() string {
	if f.picked {
		return f.chosen + " (picked)"
	}
	return f.chosen + " (the only wired interface with a link)"
}

// findHeader is the screen's first line while the jack is being found.
func (m *Model) findHeader() (string, bool) {
	switch {
	case m.find.listing:
		return common.StatePending.Render() + " looking for the wired interface on the jack…", true
	case errors.Is(m.find.err, common.ErrNoJack):
		return common.StateNA.Render() + " " + m.find.err.Error(), true
	case m.find.err != nil:
		return common.StateFail.Render() + " could not list the interfaces: " + m.find.err.Error(), true
	case m.find.done && len(m.find.ifaces) == 0:
		return common.StateNA.Render() + " no wired Ethernet interface has a link", true
	case m.find.picking:
		return fmt.Sprintf("%d wired interfaces have a link: which one is on the jack?", len(m.find.ifaces)), true
	}
	return "", false
}

// pickList draws the interfaces to pick from, the cursor on one.
func (m *Model) pickList() string {
	var b strings.Builder
	for i, f := range m.find.ifaces {
		mark := "  "
		if i == m.find.cursor {
			mark = "▸ "
		}
		line := mark + f.Name
		if f.MAC != "" {
			line += "  " + f.MAC
		}
		if f.SpeedMbps > 0 {
			line += fmt.Sprintf("  %d Mb/s", f.SpeedMbps)
		}
		if i == m.find.cursor {
			line = common.Bold.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
