// Package uitest drives the terminal UI in tests: a recorder around the
// UI's model run by a real Bubble Tea program, a built voxlan in a real
// terminal (tmux), and a switch that stops answering mid-discovery. The tui
// and demo verbs' tests and tuiwire's share it.
package uitest

import (
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	ui "github.com/voxlan/voxlan/tui"
	"github.com/voxlan/voxlan/tui/common"
	sitescreen "github.com/voxlan/voxlan/tui/site"
)

// Recorder wraps the UI in a real Bubble Tea program and keeps, under a
// lock, the last frame drawn and when each key reached Update, so a test
// reads them from its own goroutine without racing the program.
type Recorder struct {
	tea.Model
	mu    sync.Mutex
	frame string
	// keys are the arrival times of key presses in Update, in order.
	keys   []time.Time
	slow   time.Duration // longest Update
	frames int
	// siteDone is set once the Site screen has read and audited the site.
	siteDone bool
}

// NewRecorder wraps m; run the Recorder as the program's model.
func NewRecorder(m tea.Model) *Recorder { return &Recorder{Model: m} }

// Update records the key's arrival and how long m took.
func (r *Recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	start := time.Now()
	if _, ok := msg.(tea.KeyPressMsg); ok {
		r.mu.Lock()
		r.keys = append(r.keys, start)
		r.mu.Unlock()
	}
	m, cmd := r.Model.Update(msg)
	r.Model = m
	d := time.Since(start)
	done := false
	if root, ok := m.(*ui.Model); ok {
		if s, ok := root.Screen(common.ScreenSite).(*sitescreen.Model); ok {
			done = s.Done()
		}
	}
	r.mu.Lock()
	r.slow = max(r.slow, d)
	r.siteDone = done
	r.mu.Unlock()
	return r, cmd
}

// View keeps the frame drawn, without its styles.
func (r *Recorder) View() tea.View {
	v := r.Model.View()
	r.mu.Lock()
	r.frame = ansi.Strip(v.Content)
	r.frames++
	r.mu.Unlock()
	return v
}

// Screen is the last frame drawn.
func (r *Recorder) Screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.frame
}

// WaitFor polls the drawn frame until every want is on it.
func (r *Recorder) WaitFor(t testing.TB, d time.Duration, wants ...string) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		s := r.Screen()
		ok := true
		for _, w := range wants {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("screen never showed %q within %s; last frame:\n%s", wants, d, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// SilencingRelay forwards UDP between SNMP clients and an agent for the
// first n requests, then drops everything: a switch that stops answering
// in the middle of its discovery.
type SilencingRelay struct {
	conn *net.UDPConn
	// Forwarded counts the requests received, silenced ones included.
	Forwarded atomic.Int64
}

// StartSilencingRelay relays to agent until n requests have passed.
func StartSilencingRelay(t testing.TB, agent string, n int64) *SilencingRelay {
	t.Helper()
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	upstream, err := net.ResolveUDPAddr("udp", agent)
	if err != nil {
		t.Fatal(err)
	}
	r := &SilencingRelay{conn: conn}
	t.Cleanup(func() { conn.Close() })
	go func() {
		buf := make([]byte, 65535)
		for {
			size, client, err := conn.ReadFromUDP(buf)
			if err != nil {
				return
			}
			if r.Forwarded.Add(1) > n {
				continue // silent from now on
			}
			up, err := net.DialUDP("udp", nil, upstream)
			if err != nil {
				continue
			}
			go func(req []byte) {
				defer up.Close()
				if _, err := up.Write(req); err != nil {
					return
				}
				_ = up.SetReadDeadline(time.Now().Add(2 * time.Second))
				reply := make([]byte, 65535)
				m, err := up.Read(reply)
				if err != nil {
					return
				}
				_, _ = conn.WriteToUDP(reply[:m], client)
			}(append([]byte(nil), buf[:size]...))
		}
	}()
	return r
}

// Addr is where to send SNMP requests instead of the agent.
func (r *SilencingRelay) Addr() string { return r.conn.LocalAddr().String() }

// KeyArrivals returns when each key press reached Update, and the longest
// Update so far.
func (r *Recorder) KeyArrivals() ([]time.Time, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.keys...), r.slow
}

// Working reports whether the site is still being read or audited.
func (r *Recorder) Working() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.siteDone
}

// Program is a model run by a real Bubble Tea program with no terminal
// (teatest's shape, without its -update flag, which clashes with
// cmdtest's in a verb's tests).
type Program struct {
	p    *tea.Program
	done chan error
}

// Run starts m in a program of width x height; the test's end quits it.
func Run(t testing.TB, m tea.Model, width, height int) *Program {
	t.Helper()
	p := &Program{p: tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler(), tea.WithWindowSize(width, height)),
		done: make(chan error, 1)}
	go func() { _, err := p.p.Run(); p.done <- err }()
	t.Cleanup(func() { p.Quit(t) })
	return p
}

// Send hands msg to the program.
func (p *Program) Send(msg tea.Msg) { p.p.Send(msg) }

// Quit ends the program and waits for it (10 s at most).
func (p *Program) Quit(t testing.TB) {
	t.Helper()
	p.p.Quit()
	select {
	case <-p.done:
		p.done <- nil // a later Quit returns at once
	case <-time.After(10 * time.Second):
		t.Errorf("the UI did not end within 10 s of quitting")
	}
}
