package tui

import (
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

// recorder wraps the UI in a real Bubble Tea program and keeps, under a
// lock, the last frame drawn and when each key reached Update, so a test
// reads them from its own goroutine without racing the program.
type recorder struct {
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

func newRecorder(m tea.Model) *recorder { return &recorder{Model: m} }

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
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

func (r *recorder) View() tea.View {
	v := r.Model.View()
	r.mu.Lock()
	r.frame = ansi.Strip(v.Content)
	r.frames++
	r.mu.Unlock()
	return v
}

func (r *recorder) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.frame
}

// waitFor polls the drawn frame until every want is on it.
func (r *recorder) waitFor(t testing.TB, d time.Duration, wants ...string) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		s := r.screen()
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

// silencingRelay forwards UDP between SNMP clients and an agent for the
// first n requests, then drops everything: a switch that stops answering
// in the middle of its discovery.
type silencingRelay struct {
	conn      *net.UDPConn
	forwarded atomic.Int64
}

func startSilencingRelay(t testing.TB, agent string, n int64) *silencingRelay {
	t.Helper()
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	upstream, err := net.ResolveUDPAddr("udp", agent)
	if err != nil {
		t.Fatal(err)
	}
	r := &silencingRelay{conn: conn}
	t.Cleanup(func() { conn.Close() })
	go func() {
		buf := make([]byte, 65535)
		for {
			size, client, err := conn.ReadFromUDP(buf)
			if err != nil {
				return
			}
			if r.forwarded.Add(1) > n {
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

func (r *silencingRelay) addr() string { return r.conn.LocalAddr().String() }

// keyArrivals returns when each key press reached Update, and the longest
// Update so far.
func (r *recorder) keyArrivals() ([]time.Time, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.keys...), r.slow
}

// working reports whether the site is still being read or audited.
func (r *recorder) working() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.siteDone
}
