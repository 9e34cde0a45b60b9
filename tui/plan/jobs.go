package plan

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/tui/common"
)

// Messages of the render and apply jobs, addressed to this screen.
type (
	renderedMsg struct {
		target string
		diff   string
		err    error
	}
	applyEventMsg struct {
		target string
		ev     common.ApplyEvent
		ch     <-chan applyItem
	}
	applyDoneMsg struct {
		target string
		res    common.ApplyResult
	}
)

func (renderedMsg) Destination() common.ScreenID   { return common.ScreenPlan }
func (applyEventMsg) Destination() common.ScreenID { return common.ScreenPlan }
func (applyDoneMsg) Destination() common.ScreenID  { return common.ScreenPlan }

func render(ctx context.Context, fn common.RenderFunc, sw snapshot.Switch, p *switchPlan) tea.Cmd {
	target, changes := p.target, p.changes
	return func() tea.Msg {
		diff, err := fn(ctx, sw, changes)
		return renderedMsg{target: target, diff: diff, err: err}
	}
}

type applyItem struct {
	ev   *common.ApplyEvent
	res  *common.ApplyResult
	done bool
}

// startApply pushes one switch's changes in a goroutine that only writes to
// the channel; its events are read one per tea.Cmd.
func startApply(ctx context.Context, apply common.ApplyFunc, sw snapshot.Switch, p *switchPlan) tea.Cmd {
	target, changes := p.target, p.changes
	return func() tea.Msg {
		ch := make(chan applyItem, 16)
		go func() {
			defer close(ch)
			res := apply(ctx, sw, changes, func(ev common.ApplyEvent) {
				select {
				case ch <- applyItem{ev: &ev}:
				case <-ctx.Done():
				}
			})
			select {
			case ch <- applyItem{res: &res, done: true}:
			case <-ctx.Done():
			}
		}()
		return waitApply(target, ch)()
	}
}

func waitApply(target string, ch <-chan applyItem) tea.Cmd {
	return func() tea.Msg {
		it, ok := <-ch
		if !ok {
			return applyDoneMsg{target: target, res: common.ApplyResult{Err: fmt.Errorf("apply on %s stopped before it reported; the switch's state is unknown, read it again", target)}}
		}
		if it.done {
			return applyDoneMsg{target: target, res: *it.res}
		}
		return applyEventMsg{target: target, ev: *it.ev, ch: ch}
	}
}
