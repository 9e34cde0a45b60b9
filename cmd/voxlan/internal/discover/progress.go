package discover

import (
	"fmt"
	"io"

	"github.com/voxlan/voxlan/snmp"
)

// progress prints one line per switch as it finishes, to a terminal's
// stderr only (pipes and logs stay clean). snmp serialises the calls.
type progress struct {
	w    io.Writer
	done int
}

func newProgress(w io.Writer) *progress { return &progress{w: w} }

func (p *progress) event(ev snmp.Event) {
	if !ev.Done {
		return
	}
	p.done++
	status := "ok"
	if ev.Err != nil {
		status = "error: " + ev.Err.Error()
	}
	fmt.Fprintf(p.w, "switch %d/%d %s: %d rows, %s\n", p.done, ev.Total, ev.Target, ev.Rows, status)
}
