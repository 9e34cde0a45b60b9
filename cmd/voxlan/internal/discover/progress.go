package discover

import (
	"fmt"
	"io"
	"time"

	"github.com/voxlan/voxlan/snmp"
)

// progress draws discovery progress on a terminal's stderr (pipes and logs
// never see it): a status line rewritten at most every 200 ms with the
// switches done and the rows read, and one line per finished switch.
// snmp serialises the calls.
type progress struct {
	w        io.Writer
	now      func() time.Time
	done     int
	rows     map[string]int
	lastDraw time.Time
	drawn    bool
}

func newProgress(w io.Writer) *progress { return newProgressClock(w, nil) }

// newProgressClock is newProgress with the clock that paces redraws.
func newProgressClock(w io.Writer, now func() time.Time) *progress {
	if now == nil {
		now = time.Now
	}
	return &progress{w: w, now: now, rows: map[string]int{}}
}

func (p *progress) event(ev snmp.Event) {
	p.rows[ev.Target] = ev.Rows
	if ev.Done {
		p.done++
		status := "ok"
		if ev.Err != nil {
			status = "error: " + ev.Err.Error()
		}
		p.clear()
		fmt.Fprintf(p.w, "switch %d/%d %s: %d rows, %s\n", p.done, ev.Total, ev.Target, ev.Rows, status)
		return
	}
	if t := p.now(); t.Sub(p.lastDraw) >= 200*time.Millisecond {
		p.lastDraw = t
		total := 0
		for _, n := range p.rows {
			total += n
		}
		fmt.Fprintf(p.w, "\r\033[Kswitch %d/%d done, %d rows read", p.done, ev.Total, total)
		p.drawn = true
	}
}

// clear erases the status line before a full line is printed.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
