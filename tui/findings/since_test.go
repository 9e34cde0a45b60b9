package findings

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
	"github.com/voxlan/voxlan/diff"
	"github.com/voxlan/voxlan/tui/common"
	"github.com/voxlan/voxlan/tui/internal/tuitest"
)

// TestMarksSinceLastAudit: with an earlier audit of the site, the screen
// marks the findings new and fixed since it, and says so in its header.
func TestMarksSinceLastAudit(t *testing.T) {
	before := site()
	before.TakenAt = time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
	before.Findings[0].Status = audit.StatusFail // the cascade check failed then
	before.Findings = before.Findings[:2]        // and the 10 Mb/s port was not there
	now := site()
	d := diff.Compare(diff.Audit{Ref: "s@1", Result: before}, diff.Audit{Ref: "s@2", Result: now})

	m := New(&common.Deps{})
	m.SetSize(120, 20)
	m.Update(common.AuditMsg{Result: now, Since: d})
	if m.Mark("L7/pass/10.0.0.1") != MarkFixed || m.Mark("L10/speed/10.0.0.2/Fa0/1") != MarkNew || m.Mark("L4/hybrid/10.0.0.1/Gi1/0/5") != "" {
		t.Errorf("marks: cascade %q, speed %q, hybrid %q; want fixed, new, none",
			m.Mark("L7/pass/10.0.0.1"), m.Mark("L10/speed/10.0.0.2/Fa0/1"), m.Mark("L4/hybrid/10.0.0.1/Gi1/0/5"))
	}
	view := tuitest.Plain(m.View())
	for _, w := range []string{"since s@1 (2026-10-02): 1 fixed, 1 new", "NEW   L10", "FIXED L7", "      L4"} {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}

	// No earlier audit: no mark column at all, the rows as before.
	m.Update(common.AuditMsg{Result: now})
	if view := tuitest.Plain(m.View()); strings.Contains(view, "since") || strings.Contains(view, "NEW") || !strings.Contains(view, "✗ L4  10.0.0.1") {
		t.Errorf("without history the view changed:\n%s", view)
	}
	// A history that could not be used is said, the findings still shown.
	m.Update(common.AuditMsg{Result: now, SinceErr: errors.New("history.db is damaged")})
	if view := tuitest.Plain(m.View()); !strings.Contains(view, "history: history.db is damaged") || !strings.Contains(view, "Findings 4/4") {
		t.Errorf("history error not shown:\n%s", view)
	}
}
