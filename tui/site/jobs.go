package site

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// Messages of the discovery jobs. Each carries its switch and is addressed
// to this screen, whichever screen is shown.
type (
	// progressMsg carries the events of one switch that were waiting
	// together: a fast switch does not cost one redraw per event.
	progressMsg struct {
		target string
		events []common.Progress
		ch     <-chan jobEvent
	}
	doneMsg struct {
		target string
		sw     snapshot.Switch
	}
	tickMsg     struct{}
	preparedMsg struct {
		targets []string
		err     error
	}
)

func (preparedMsg) Destination() common.ScreenID { return common.ScreenSite }

// pendingDone is a batch of progress that ended with the switch's end.
type pendingDone struct {
	progress progressMsg
	done     doneMsg
}

func (pendingDone) Destination() common.ScreenID { return common.ScreenSite }
func (progressMsg) Destination() common.ScreenID { return common.ScreenSite }
func (doneMsg) Destination() common.ScreenID     { return common.ScreenSite }
func (tickMsg) Destination() common.ScreenID     { return common.ScreenSite }

type jobEvent struct {
	p    *common.Progress
	sw   *snapshot.Switch
	done bool
}

// startJob reads one switch in its own goroutine and returns its first
// event; the goroutine only writes to the channel, never to the model.
func startJob(ctx context.Context, discover common.DiscoverFunc, target string) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan jobEvent, 32)
		go func() {
			defer close(ch)
			sw := discover(ctx, target, func(p common.Progress) {
				select {
				case ch <- jobEvent{p: &p}:
				case <-ctx.Done():
				}
			})
			// The last event must not be lost to a cancelled context:
			// the buffer may be full, so wait for the reader unless the
			// UI has gone.
			select {
			case ch <- jobEvent{sw: &sw, done: true}:
			case <-ctx.Done():
			}
		}()
		return waitJob(target, ch)()
	}
}

// maxBatch bounds how many waiting events one message carries.
const maxBatch = 64

// waitJob reads the next event of one job, with the progress events already
// waiting behind it; the end of the switch comes in its own message.
func waitJob(target string, ch <-chan jobEvent) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return stopped(target)
		}
		if ev.done {
			return doneMsg{target: target, sw: *ev.sw}
		}
		msg := progressMsg{target: target, events: []common.Progress{*ev.p}, ch: ch}
		for len(msg.events) < maxBatch && len(ch) > 0 {
			// Peek without losing the end: only progress is batched;
			// a done event waits for the next read (it is buffered).
			next := <-ch
			if next.done {
				return pendingDone{progress: msg, done: doneMsg{target: target, sw: *next.sw}}
			}
			msg.events = append(msg.events, *next.p)
		}
		return msg
	}
}

func stopped(target string) doneMsg {
	return doneMsg{target: target, sw: snapshot.Switch{Target: target, Errors: []snapshot.Error{{
		Target: target, Stage: "connect", Message: "discovery stopped before the switch was read"}}}}
}
