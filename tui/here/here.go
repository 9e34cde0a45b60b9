// Package here is the Here screen: the technician's jack, as cards in the
// order a tester works (link, PoE, switch and port, data VLAN, voice VLAN,
// DHCP in each, DNS, gateway, transport quality), each pass/fail/pending with
// its value and where the value came from. Cards fill in as results arrive:
// what was heard on the wire (LLDP/CDP), what the switch says about the port
// (SNMP, once the site is read), and the probe.
package here

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// Card is one check at the jack.
type Card struct {
	Label  string
	State  common.State
	Value  string
	Source string
}

// Model is the Here screen.
type Model struct {
	deps *common.Deps
	// hereFn and probeFn listen and probe at the jack: the deps', or
	// those of the interface found or picked (see jack.go).
	hereFn    common.HereFunc
	probeFn   common.ProbeFunc
	find      finder
	here      *snapshot.Here
	hereErr   error
	listening bool
	probe     *snapshot.Probe
	probeErr  error
	probing   bool
	switches  map[string]snapshot.Switch
	result    *audit.Result
	width     int
	height    int
	keys      keyMap
}

type keyMap struct {
	Site, Port           key.Binding
	Up, Down, Pick, Find key.Binding
}

// New returns the Here screen.
func New(deps *common.Deps) *Model {
	return &Model{
		deps:     deps,
		hereFn:   deps.Here,
		probeFn:  deps.Probe,
		switches: map[string]snapshot.Switch{},
		keys: keyMap{
			Site: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "site")),
			Port: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "this port on its switch")),
			Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous interface")),
			Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next interface")),
			Pick: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "listen on this interface")),
			Find: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "look for the jack again")),
		},
	}
}

// ID implements common.Component.
func (m *Model) ID() common.ScreenID { return common.ScreenHere }

// Title implements common.Component.
func (m *Model) Title() string { return "Here" }

// SetSize implements common.Component.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.find.picking:
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Pick}
	case m.canFindAgain():
		return []key.Binding{m.keys.Find, m.keys.Site}
	}
	return []key.Binding{m.keys.Site, m.keys.Port}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Site, m.keys.Port}, {m.keys.Up, m.keys.Down, m.keys.Pick, m.keys.Find}}
}

// Init starts listening at the jack when this build and mode can, or
// looks for the jack's interface first.
func (m *Model) Init() tea.Cmd {
	if m.hereFn == nil {
		return m.findJack()
	}
	m.listening = true
	return listen(m.deps.Ctx(), m.hereFn)
}

// listen runs the listening in its own goroutine, which only writes to a
// channel; each neighbour heard comes back as a message read by one Cmd.
func listen(ctx context.Context, here common.HereFunc) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan tea.Msg, 16)
		go func() {
			defer close(ch)
			h, err := here(ctx, func(n snapshot.Neighbor) {
				select {
				case ch <- heardMsg{neighbor: n}:
				case <-ctx.Done():
				}
			})
			select {
			case ch <- hereDoneMsg{here: h, err: err}:
			case <-ctx.Done():
			}
		}()
		return nextHeard(ch)()
	}
}

func nextHeard(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return hereDoneMsg{err: errors.New("stopped listening")}
		}
		if h, ok := msg.(heardMsg); ok {
			h.ch = ch
			return h
		}
		return msg
	}
}

// runProbe runs the probe in its own goroutine, which only writes to a
// channel; each check finished comes back as a message read by one Cmd.
func runProbe(ctx context.Context, probe common.ProbeFunc, h *snapshot.Here) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan tea.Msg, 16)
		go func() {
			defer close(ch)
			p, err := probe(ctx, h, func(part snapshot.Probe) {
				select {
				case ch <- probePartMsg{part: part}:
				case <-ctx.Done():
				}
			})
			select {
			case ch <- probeDoneMsg{probe: p, err: err}:
			case <-ctx.Done():
			}
		}()
		return nextProbed(ch)()
	}
}

func nextProbed(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return probeDoneMsg{err: errors.New("the probe stopped")}
		}
		if p, ok := msg.(probePartMsg); ok {
			p.ch = ch
			return p
		}
		return msg
	}
}

type (
	// heardMsg is a neighbour heard while still listening.
	heardMsg struct {
		neighbor snapshot.Neighbor
		ch       <-chan tea.Msg
	}
	hereDoneMsg struct {
		here *snapshot.Here
		err  error
	}
	// probePartMsg is one check the probe finished while still running.
	probePartMsg struct {
		part snapshot.Probe
		ch   <-chan tea.Msg
	}
	probeDoneMsg struct {
		probe *snapshot.Probe
		err   error
	}
)

func (heardMsg) Destination() common.ScreenID     { return common.ScreenHere }
func (hereDoneMsg) Destination() common.ScreenID  { return common.ScreenHere }
func (probeDoneMsg) Destination() common.ScreenID { return common.ScreenHere }
func (probePartMsg) Destination() common.ScreenID { return common.ScreenHere }

// Update implements common.Component.
func (m *Model) Update(msg tea.Msg) (common.Component, tea.Cmd) {
	switch msg := msg.(type) {
	case heardMsg:
		// Cards fill in as neighbours are heard; the full record comes
		// when listening ends.
		if m.here == nil {
			m.here = &snapshot.Here{Interface: "the jack"}
		}
		m.here.Neighbors = append(m.here.Neighbors, msg.neighbor)
		return m, nextHeard(msg.ch)
	case hereDoneMsg:
		m.listening = false
		if msg.here != nil || msg.err != nil {
			m.here, m.hereErr = msg.here, msg.err
		}
		if m.probeFn != nil && msg.err == nil {
			m.probing = true
			return m, runProbe(m.deps.Ctx(), m.probeFn, msg.here)
		}
	case probePartMsg:
		// Cards fill in as checks finish; the judged probe replaces
		// these parts when it is done.
		if m.probing {
			if m.probe == nil {
				m.probe = &snapshot.Probe{}
			}
			addPart(m.probe, msg.part)
		}
		return m, nextProbed(msg.ch)
	case probeDoneMsg:
		m.probing = false
		if msg.probe != nil || msg.err != nil {
			m.probe, m.probeErr = msg.probe, msg.err
		}
	case interfacesMsg:
		return m, m.found(msg)
	case common.SwitchMsg:
		m.switches[msg.Switch.Target] = msg.Switch
	case common.SnapshotMsg:
		for _, sw := range msg.Snapshot.Switches {
			m.switches[sw.Target] = sw
		}
		if msg.Snapshot.Here != nil && m.here == nil {
			m.here = msg.Snapshot.Here
		}
		if msg.Snapshot.Probe != nil && m.probe == nil {
			m.probe = msg.Snapshot.Probe
		}
	case common.AuditMsg:
		m.result = msg.Result
	case tea.KeyPressMsg:
		if m.find.picking {
			return m, m.pickKey(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Find) && m.canFindAgain():
			return m, m.findJack()
		case key.Matches(msg, m.keys.Site):
			return m, func() tea.Msg { return common.ShowMsg{Screen: common.ScreenSite} }
		case key.Matches(msg, m.keys.Port):
			if sw, p, ok := m.jackPort(); ok {
				return m, func() tea.Msg {
					return common.ShowMsg{Screen: common.ScreenSwitch, Switch: sw.Target, Port: p.Name}
				}
			}
		}
	}
	return m, nil
}

// jackPort finds the switch port behind the jack: the one declared, else
// the one the LLDP/CDP neighbour names, once that switch has been read.
func (m *Model) jackPort() (snapshot.Switch, snapshot.Port, bool) {
	if j := m.deps.Jack; j != nil {
		if sw, ok := m.jackSwitch(); ok {
			for _, p := range sw.Ports {
				if p.Name == j.Port {
					return sw, p, true
				}
			}
		}
		return snapshot.Switch{}, snapshot.Port{}, false
	}
	n, ok := m.neighbor()
	if !ok {
		return snapshot.Switch{}, snapshot.Port{}, false
	}
	for _, sw := range m.switches {
		if !(n.ChassisID != "" && strings.EqualFold(n.ChassisID, sw.ChassisID)) && !(n.SysName != "" && n.SysName == sw.SysName) {
			continue
		}
		for _, p := range sw.Ports {
			if p.Name == n.PortID || p.Descr == n.PortID || (n.PortDescr != "" && p.Descr == n.PortDescr) {
				return sw, p, true
			}
		}
	}
	return snapshot.Switch{}, snapshot.Port{}, false
}

// neighbor is the switch heard on the wire: the first bridge or router
// neighbour, else the first one.
func (m *Model) neighbor() (snapshot.Neighbor, bool) {
	if m.here == nil || len(m.here.Neighbors) == 0 {
		return snapshot.Neighbor{}, false
	}
	for _, n := range m.here.Neighbors {
		for _, c := range n.Capabilities {
			if c == "bridge" || c == "router" {
				return n, true
			}
		}
	}
	return m.here.Neighbors[0], true
}

// Cards are the checks in the order a tester works.
func (m *Model) Cards() []Card {
	sw, port, onSwitch := m.jackPort()
	n, heard := m.neighbor()
	src := "switch " + common.SwitchName(sw) + " (SNMP)"
	wire := "heard on the wire"
	if heard {
		wire = n.Protocol + " " + wire
	}
	var cards []Card

	// Link and PoE: the switch's side of the port, as SNMP reads it or as
	// the switch advertises it on the wire (802.3 TLVs).
	detail, hasDetail := m.detail(n)
	switch {
	case onSwitch:
		cards = append(cards, linkCard(port, src), poeCard(sw, port, src))
	case heard && hasDetail:
		cards = append(cards, wireLinkCard(detail, wire), wirePoECard(detail, wire))
	default:
		why := m.pendingWhy()
		cards = append(cards, Card{"Link", m.pendingState(), why, ""}, Card{"PoE", m.pendingState(), why, ""})
	}

	// Switch and port: heard first, else declared.
	switch {
	case heard:
		name := n.SysName
		if name == "" {
			name = n.ChassisID
		}
		v := name + " port " + n.PortID
		if n.PortDescr != "" && n.PortDescr != n.PortID {
			v += fmt.Sprintf(" (%s)", n.PortDescr)
		}
		if len(m.here.Neighbors) > 1 {
			cards = append(cards, Card{"Switch, port", common.StateWarn, fmt.Sprintf("%s; %d neighbours on one jack: hub or unmanaged switch?", v, len(m.here.Neighbors)), wire})
		} else {
			cards = append(cards, Card{"Switch, port", common.StatePass, v, wire})
		}
	case onSwitch:
		cards = append(cards, Card{"Switch, port", common.StatePass, common.SwitchName(sw) + " port " + port.Name, "declared jack, " + src})
	default:
		cards = append(cards, Card{"Switch, port", m.pendingState(), m.pendingWhy(), ""})
	}

	cards = append(cards, m.vlanCards(n, heard, port, onSwitch, wire, src)...)
	cards = append(cards, m.probeCards()...)
	return cards
}

func (m *Model) pendingState() common.State {
	switch {
	case m.listening || m.find.listing || m.find.picking || (m.deps.Jack != nil && !m.jackSwitchRead()):
		return common.StatePending
	case m.deps.Jack != nil:
		return common.StateFail
	}
	return common.StateNA
}

func (m *Model) jackSwitchRead() bool {
	_, ok := m.jackSwitch()
	return ok
}

// jackSwitch is the declared jack's switch, once read.
func (m *Model) jackSwitch() (snapshot.Switch, bool) {
	for _, sw := range m.switches {
		if m.deps.Jack.Is(sw) {
			return sw, true
		}
	}
	return snapshot.Switch{}, false
}

func (m *Model) pendingWhy() string {
	switch {
	case m.listening:
		return "listening for LLDP/CDP…"
	case m.find.listing:
		return "looking for the wired interface…"
	case m.find.picking:
		return "pick the interface on the jack"
	case m.deps.Jack != nil && m.jackSwitchRead():
		return "no port " + m.deps.Jack.Port + " on " + m.deps.Jack.Switch
	case m.deps.Jack != nil:
		return "waiting for " + m.deps.Jack.Switch + " to be read"
	case m.hereErr != nil:
		return "not heard: " + m.hereErr.Error()
	case m.find.done && (len(m.find.ifaces) == 0 || m.find.err != nil):
		return "no jack: " + m.find.none()
	case m.hereFn == nil:
		return "no jack: not listening on a port (voxlan tui --iface IF)"
	case m.here != nil && len(m.here.Neighbors) > 0:
		return "not advertised on the wire; read the switch over SNMP to see it"
	}
	return "nothing heard on the jack"
}

// vlanCards: the data VLAN is the untagged one; the voice VLAN is what
// LLDP-MED or CDP hands a phone, else what the switch has on the port.
func (m *Model) vlanCards(n snapshot.Neighbor, heard bool, p snapshot.Port, onSwitch bool, wire, src string) []Card {
	data := Card{Label: "Data VLAN", State: m.pendingState(), Value: m.pendingWhy()}
	voice := Card{Label: "Voice VLAN", State: m.pendingState(), Value: m.pendingWhy()}
	switch {
	case heard && n.NativeVLAN != 0:
		data = Card{"Data VLAN", common.StatePass, fmt.Sprintf("VLAN %d untagged", n.NativeVLAN), wire}
	case heard && m.portVLAN(n) != 0:
		data = Card{"Data VLAN", common.StatePass, fmt.Sprintf("VLAN %d untagged", m.portVLAN(n)), wire}
	case onSwitch && p.PVID != 0:
		data = Card{"Data VLAN", common.StatePass, fmt.Sprintf("VLAN %d untagged (PVID)", p.PVID), src}
	case heard:
		data = Card{"Data VLAN", common.StateUnknown, "not advertised", wire}
	case onSwitch:
		data = Card{"Data VLAN", common.StateUnknown, "the switch did not say the port's VLAN", src}
	}
	if heard {
		if pol, ok := voicePolicy(n); ok {
			voice = Card{"Voice VLAN", common.StatePass, policyWords(pol), wire + " (LLDP-MED)"}
		} else if n.VoiceVLAN != 0 {
			voice = Card{"Voice VLAN", common.StatePass, fmt.Sprintf("VLAN %d", n.VoiceVLAN), wire + " (CDP)"}
		}
	}
	if voice.Source == "" && onSwitch {
		switch {
		case len(p.MEDPolicies) > 0 && p.MEDPolicies[0].VLAN != 0:
			voice = Card{"Voice VLAN", common.StatePass, policyWords(p.MEDPolicies[0]), src + " LLDP-MED policy"}
		case p.VoiceVLAN != 0:
			voice = Card{"Voice VLAN", common.StatePass, fmt.Sprintf("VLAN %d on the port; no LLDP-MED policy read", p.VoiceVLAN), src}
		case m.result != nil && m.result.Engineering == audit.EngineeringVoiceVLAN:
			voice = m.missingVoiceCard(src)
		default:
			voice = Card{"Voice VLAN", common.StateWarn, "none: voice rides the data VLAN (standard engineering)", src}
		}
	}
	return []Card{data, voice}
}

// missingVoiceCard says what the audit made of a port without a voice VLAN
// on a site that uses one, so the card and "Audit of this port" below it
// never disagree: a finding naming the port fails it; a port whose role
// the audit could not identify was not judged, and the card says so.
func (m *Model) missingVoiceCard(src string) Card {
	sw, p, _ := m.jackPort()
	for _, f := range common.PortFindings(m.result, sw.Target, p.Name) {
		if f.Status != audit.StatusPass && (f.Requirement == audit.ReqL8 || f.Requirement == audit.ReqL4 || f.Requirement == audit.ReqL5) {
			return Card{"Voice VLAN", common.StateFail, "none on this port, but the site uses a voice VLAN (" + f.ID + "; see Findings, Plan)", src}
		}
	}
	switch common.RoleOf(m.result, sw.Target, p.Name) {
	case audit.RoleUnknown, "":
		return Card{"Voice VLAN", common.StateUnknown, "none on this port; what is behind it is not identified, so the audit judged nothing here", src}
	case audit.RoleUplink:
		return Card{"Voice VLAN", common.StateNA, "none: an uplink carries the VLANs tagged", src}
	}
	return Card{"Voice VLAN", common.StateFail, "none on this port, but the site uses a voice VLAN (see Findings, Plan)", src}
}

// probeCards are the checks only the probe at the jack can make.
func (m *Model) probeCards() []Card {
	labels := []string{"DHCP data", "DHCP voice", "DNS", "Gateway", "Transport"}
	state, why := common.StateNA, "no probe: not on a jack (voxlan tui --iface IF)"
	if m.hereFn != nil {
		why = "not probed"
	}
	switch {
	case m.probing && m.probe != nil:
		return partCards(m.probe, m.voiceHeard())
	case m.probing:
		empty := &snapshot.Probe{}
		if m.here != nil {
			empty.Interface = m.here.Interface
		}
		return partCards(empty, m.voiceHeard())
	case m.probeErr != nil:
		state, why = common.StateFail, "probe failed: "+m.probeErr.Error()
	case m.probe != nil:
		return resultCards(m.probe)
	case m.find.listing || m.find.picking:
		state, why = common.StatePending, "after the jack is found"
	case m.probeFn != nil && m.listening:
		state, why = common.StatePending, "after the switch is heard"
	case m.probeFn != nil:
		why = "needs a jack: nothing was heard to probe"
	}
	cards := make([]Card, 0, len(labels))
	for _, l := range labels {
		cards = append(cards, Card{Label: l, State: state, Value: why})
	}
	return cards
}

// View implements common.Component.
func (m *Model) View() string {
	var b strings.Builder
	b.WriteString(m.header())
	if hint := m.findHint(); hint != "" {
		b.WriteString("\n" + common.Faint.Render(hint))
	}
	b.WriteString("\n\n")
	if m.find.picking {
		b.WriteString(m.pickList())
		b.WriteString("\n")
	}
	for _, c := range m.Cards() {
		line := fmt.Sprintf("%s %-13s %s", c.State.Render(), c.Label, c.State.Style().Render(c.Value))
		if c.Source != "" {
			line += common.Faint.Render("  · " + c.Source)
		}
		b.WriteString(line)
		b.WriteString("\n")
	}
	if m.deps.TagsNote != "" && (m.deps.Here != nil || m.find.chosen != "") {
		b.WriteString(common.Faint.Render("\n"+m.deps.TagsNote) + "\n")
	}
	if sw, p, ok := m.jackPort(); ok && m.result != nil {
		fs := common.PortFindings(m.result, sw.Target, p.Name)
		role := common.RoleWord(common.RoleOf(m.result, sw.Target, p.Name))
		b.WriteString(fmt.Sprintf("\nAudit of this port: role %s, %d findings", role, len(fs)))
		for _, f := range fs {
			b.WriteString("\n  " + common.FromStatus(f.Status).Render() + " " + f.Requirement + " " + f.Message.EN)
		}
	}
	return common.Fit(b.String(), m.width, m.height)
}

func (m *Model) header() string {
	if h, ok := m.findHeader(); ok {
		return common.Bold.Render("Here") + " · " + h
	}
	switch {
	case m.deps.Jack != nil:
		name := m.deps.Jack.Switch
		if sw, ok := m.jackSwitch(); ok {
			name = common.SwitchName(sw)
		}
		return common.Bold.Render("Here") + " · jack on " + name + " port " + m.deps.Jack.Port +
			common.Faint.Render(" (declared: nothing is heard on a wire here)")
	case m.listening && m.find.chosen != "":
		return common.Bold.Render("Here") + " · " + common.StatePending.Render() + " listening for LLDP/CDP on " + m.find.chosenWhy() + ", probe sent…"
	case m.listening:
		return common.Bold.Render("Here") + " · " + common.StatePending.Render() + " listening for LLDP/CDP, probe sent…"
	case m.here != nil && m.here.Probe.AnswerSeconds > 0:
		return common.Bold.Render("Here") + fmt.Sprintf(" · %s, acted as a phone: %s answered in %.3fs, %d neighbours",
			m.ifaceWords(), m.here.Probe.AnswerProtocol, m.here.Probe.AnswerSeconds, len(m.here.Neighbors))
	case m.here != nil:
		return common.Bold.Render("Here") + fmt.Sprintf(" · %s, listened %.1fs, %d neighbours", m.ifaceWords(), m.here.ListenedSeconds, len(m.here.Neighbors))
	case m.hereErr != nil && m.find.chosen != "":
		return common.Bold.Render("Here") + " · " + m.find.chosenWhy() + ": not heard: " + m.hereErr.Error()
	}
	return common.Bold.Render("Here") + " · no jack examined"
}

// ifaceWords names the interface listened on, and how it was chosen when
// the screen found it.
func (m *Model) ifaceWords() string {
	if m.find.chosen != "" {
		return m.find.chosenWhy()
	}
	return m.here.Interface
}
