package clisim

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// junosShell is one CLI session: operational mode (`admin@H> `) or
// configuration mode (`[edit]` / `admin@H# `) on the shared candidate
// (`configure`), the same candidate locked (`configure exclusive`) or a
// private copy (`configure private`).
type junosShell struct {
	d *Junos
	// mode is "op" or "config"; db is "shared", "exclusive" or "private".
	mode, db string
	// own is the candidate of an exclusive or private session (the shared
	// one is the device's); epoch is the device's when own was loaded.
	own   junosConfig
	epoch int
	// asking is the [yes,no] question leaving configuration mode asks.
	asking string
	length int
	width  int
	// page is the paging of the output being written (0 after | no-more).
	page int
	// pid names the session in "configuration database locked by".
	pid int
}

const junosUser = "admin"

func (s *junosShell) Banner() string {
	return "--- JUNOS " + s.d.Release + " Kernel 64-bit  JNPR-12.1-20220706.35fd5e8_buil\n"
}

func (s *junosShell) PageLength() int { return s.page }

// MoreText is Junos' paging prompt.
func (s *junosShell) MoreText() string { return "---(more)---" }

func (s *junosShell) Prompt() string {
	if s.asking != "" {
		return s.asking
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	host := s.d.committed().values("system host-name")
	h := "switch"
	if len(host) > 0 {
		h = host[len(host)-1]
	}
	if s.mode == "op" {
		return "\n{master:0}\n" + junosUser + "@" + h + "> "
	}
	pending := ""
	if !s.d.deadline.IsZero() {
		left := int((s.d.deadline.Sub(s.d.now()) + s.d.minute() - 1) / s.d.minute())
		pending = "# commit confirmed will be rolled back in " + strconv.Itoa(max(left, 1)) + " minutes\n"
	}
	return "\n" + pending + "{master:0}[edit]\n" + junosUser + "@" + h + "# "
}

// Close ends the session: an exclusive candidate's uncommitted changes
// are discarded and its lock released, a private candidate is dropped.
func (s *junosShell) Close() {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	s.leave()
}

// leave leaves configuration mode. mu is held.
func (s *junosShell) leave() {
	if s.mode == "config" && s.db == "exclusive" && s.d.lockPID == s.pid {
		s.d.lockPID = 0
	}
	s.mode, s.db, s.own, s.asking = "op", "", nil, ""
}

// candidate is the configuration this session edits. mu is held.
func (s *junosShell) candidate() junosConfig {
	if s.db == "shared" {
		return s.d.shared
	}
	if s.db == "exclusive" && s.epoch != s.d.epoch {
		// An unconfirmed commit was rolled back: the candidate holds the
		// configuration loaded again.
		s.own, s.epoch = s.d.committed().clone(), s.d.epoch
	}
	return s.own
}

func (s *junosShell) setCandidate(c junosConfig) {
	if s.db == "shared" {
		s.d.shared = c
	} else {
		s.own = c
	}
}

// lockedOut is Junos' refusal when another session holds the
// configuration with configure exclusive; "" when this one may edit. mu
// is held.
func (s *junosShell) lockedOut() string {
	o := s.d.lockPID
	if o == 0 || o == s.pid || s.db == "private" {
		return ""
	}
	return "error: configuration database locked by:\n  " + junosUser + " terminal p" + strconv.Itoa(o%100) +
		" (pid " + strconv.Itoa(o) + ") on since " + s.d.lockSince.UTC().Format("2006-01-02 15:04:05 UTC") + "\n  exclusive [edit]\n"
}

// junosCaret is Junos' mark under the word it could not take, then the
// reason ("syntax error.", "unknown command.", "missing argument.").
func (s *junosShell) caret(line string, word int, why string) string {
	prompt := junosUser + "@switch> "
	if s.d.committed() != nil {
		if h := s.d.committed().values("system host-name"); len(h) > 0 {
			prompt = junosUser + "@" + h[len(h)-1] + "> "
		}
	}
	at := 0
	w, _ := junosWords(line)
	for i := 0; i < word && i < len(w); i++ {
		at = strings.Index(line[at:], w[i]) + at + len(w[i])
	}
	for at < len(line) && line[at] == ' ' {
		at++
	}
	return strings.Repeat(" ", len(prompt)+at) + "^\n" + why + "\n"
}

func (s *junosShell) Exec(line string) (string, bool) {
	trimmed := strings.TrimSpace(line)
	s.page = s.length
	if s.asking != "" {
		return s.answer(trimmed), false
	}
	if trimmed == "" {
		return "", false
	}
	s.d.mu.Lock()
	s.d.expire()
	s.d.mu.Unlock()
	if s.mode == "op" {
		s.d.Faults.command(trimmed)
		return s.operational(trimmed)
	}
	drop, reject, ignore, delay := s.d.Faults.configLine(trimmed)
	if delay > 0 {
		time.Sleep(delay)
	}
	if drop {
		return dropMarker, true
	}
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	if reject {
		return s.caret(trimmed, 0, "syntax error."), false
	}
	if ignore {
		return "", false
	}
	return s.configure(trimmed), false
}

// answer takes the reply to the question on leaving configuration mode.
func (s *junosShell) answer(a string) string {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	q := s.asking
	s.asking = ""
	switch a {
	case "", "yes", "y":
	case "no", "n":
		return ""
	default:
		s.asking = q
		return "Please answer 'yes' or 'no'.\n"
	}
	if strings.HasPrefix(q, "Discard") {
		s.setCandidate(s.d.committed().clone())
		s.leave()
		return "warning: discarding uncommitted changes\nload complete\nExiting configuration mode\n"
	}
	s.leave()
	return "Exiting configuration mode\n"
}

// operational runs an operational-mode command.
func (s *junosShell) operational(line string) (string, bool) {
	cmd, pipes := splitPipes(line)
	for _, p := range pipes {
		switch p {
		case "no-more":
			s.page = 0
		case "display set":
		default:
			return s.caret(line, len(strings.Fields(cmd))+1, "syntax error."), false
		}
	}
	f := strings.Fields(cmd)
	switch {
	case len(f) == 1 && (f[0] == "exit" || f[0] == "quit"):
		s.Close()
		return "", true
	case len(f) == 4 && f[0] == "set" && f[1] == "cli" && f[2] == "screen-length":
		n, err := strconv.Atoi(f[3])
		if err != nil || n < 0 || n > 100000 {
			return s.caret(line, 3, "syntax error."), false
		}
		s.length = n
		return "Screen length set to " + f[3] + "\n", false
	case len(f) == 4 && f[0] == "set" && f[1] == "cli" && f[2] == "screen-width":
		n, err := strconv.Atoi(f[3])
		if err != nil || n < 0 || n > 1024 {
			return s.caret(line, 3, "syntax error."), false
		}
		s.width = n
		return "Screen width set to " + f[3] + "\n", false
	case len(f) == 4 && f[0] == "set" && f[1] == "cli" && f[2] == "complete-on-space" && (f[3] == "off" || f[3] == "on"):
		if f[3] == "off" {
			return "Disabling complete-on-space\n", false
		}
		return "Enabling complete-on-space\n", false
	case len(f) >= 1 && f[0] == "configure":
		return s.enter(line, f[1:]), false
	case len(f) >= 1 && f[0] == "show":
		s.d.mu.Lock()
		defer s.d.mu.Unlock()
		if out, ok := s.show(strings.Join(f[1:], " "), pipes); ok {
			return out, false
		}
		return s.caret(line, 1, "syntax error, expecting <command>."), false
	}
	return s.caret(line, 0, "unknown command."), false
}

// splitPipes cuts "show configuration | display set | no-more".
func splitPipes(line string) (string, []string) {
	parts := strings.Split(line, "|")
	var pipes []string
	for _, p := range parts[1:] {
		pipes = append(pipes, strings.Join(strings.Fields(p), " "))
	}
	return strings.TrimSpace(parts[0]), pipes
}

// enter is `configure [exclusive | private]`.
func (s *junosShell) enter(line string, args []string) string {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	db := "shared"
	switch {
	case len(args) == 0:
	case len(args) == 1 && args[0] == "exclusive":
		db = "exclusive"
	case len(args) == 1 && args[0] == "private":
		db = "private"
	default:
		return s.caret(line, 1, "syntax error.")
	}
	modified := !slices.Equal(s.d.shared, s.d.committed())
	var b strings.Builder
	switch db {
	case "exclusive":
		if msg := s.lockedOut(); msg != "" {
			return msg
		}
		b.WriteString("warning: uncommitted changes will be discarded on exit\n")
	case "private":
		if modified {
			return "error: shared configuration database modified\nUsers currently editing the configuration:\n  " + junosUser + " terminal p0\n"
		}
		b.WriteString("warning: uncommitted changes will be discarded on exit\n")
	}
	b.WriteString("Entering configuration mode\n")
	if modified && db != "private" {
		b.WriteString("The configuration has been changed but not committed\n")
	}
	s.mode, s.db = "config", db
	switch db {
	case "exclusive":
		s.d.lockPID, s.d.lockSince = s.pid, s.d.now()
		s.own, s.epoch = s.d.shared.clone(), s.d.epoch
	case "private":
		s.own = s.d.committed().clone()
	}
	return b.String()
}

// configure runs a configuration-mode line. mu is held.
func (s *junosShell) configure(line string) string {
	cmd, pipes := splitPipes(line)
	w, ok := junosWords(cmd)
	if !ok || len(w) == 0 {
		return s.caret(line, 0, "syntax error.")
	}
	switch w[0] {
	case "set", "delete":
		if msg := s.lockedOut(); msg != "" {
			return msg
		}
		if len(pipes) > 0 {
			return s.caret(line, len(w), "syntax error.")
		}
		full, prefix, bad := junosMatch(w[1:])
		switch {
		case w[0] == "set" && full, w[0] == "delete" && prefix && len(w) > 1:
		case prefix && len(w) > 1:
			return s.caret(line, len(w), "missing argument.")
		default:
			return s.caret(line, bad+1, "syntax error.")
		}
		if w[0] == "set" {
			s.setCandidate(s.candidate().clone().set(w[1:]))
			return ""
		}
		c, found := s.candidate().clone().remove(w[1:])
		if !found {
			return "warning: statement not found\n"
		}
		s.setCandidate(c)
		return ""
	case "show":
		switch {
		case len(w) == 1 && slices.Equal(pipes, []string{"compare"}):
			return junosCompare(s.d.committed(), s.candidate())
		case len(w) == 1 && (slices.Equal(pipes, []string{"display set"}) || slices.Equal(pipes, []string{"display set", "no-more"})):
			s.page = 0
			return s.candidate().displaySet()
		}
		return s.caret(line, 1, "syntax error.")
	case "commit":
		return s.commitLine(line, w[1:])
	case "rollback":
		if msg := s.lockedOut(); msg != "" {
			return msg
		}
		n := 0
		if len(w) == 2 {
			var err error
			if n, err = strconv.Atoi(w[1]); err != nil || n < 0 || n > 49 {
				return s.caret(line, 1, "syntax error.")
			}
		} else if len(w) > 2 {
			return s.caret(line, 2, "syntax error.")
		}
		if n >= len(s.d.history) {
			return "error: Cannot load rollback " + strconv.Itoa(n) + ": configuration does not exist\n"
		}
		s.setCandidate(s.d.history[n].clone())
		return "load complete\n"
	case "run":
		s.d.mu.Unlock()
		out, _ := s.operational(strings.TrimSpace(strings.TrimPrefix(line, "run")))
		s.d.mu.Lock()
		return out
	case "top", "up":
		return ""
	case "exit", "quit":
		if len(w) == 1 || (len(w) == 2 && w[0] == "exit" && w[1] == "configuration-mode") {
			return s.exitConfig()
		}
		return s.caret(line, 1, "syntax error.")
	}
	return s.caret(line, 0, "syntax error.")
}

// exitConfig leaves configuration mode, asking first when the candidate
// holds uncommitted changes. mu is held.
func (s *junosShell) exitConfig() string {
	if slices.Equal(s.candidate(), s.d.committed()) {
		s.leave()
		return "Exiting configuration mode\n"
	}
	if s.db == "shared" {
		s.asking = "Exit with uncommitted changes? [yes,no] (yes) "
		return "The configuration has been changed but not committed\n"
	}
	s.asking = "Discard uncommitted changes? [yes,no] (yes) "
	return "The configuration has been changed but not committed\nwarning: Auto rollback on exiting 'configure " + s.db + "'\n"
}

// commitLine is `commit`, `commit check` and `commit confirmed [N]`. mu
// is held.
func (s *junosShell) commitLine(line string, args []string) string {
	if msg := s.lockedOut(); msg != "" {
		return msg
	}
	confirmed, minutes, check := false, 10, false
	switch {
	case len(args) == 0:
	case len(args) == 1 && args[0] == "check":
		check = true
	case len(args) >= 1 && args[0] == "confirmed" && len(args) <= 2:
		confirmed = true
		if len(args) == 2 {
			n, err := strconv.Atoi(args[1])
			if err != nil || n < 1 || n > 65535 {
				return s.caret(line, 2, "syntax error.")
			}
			minutes = n
		}
	default:
		return s.caret(line, 1, "syntax error.")
	}
	if confirmed && s.db == "private" {
		return "error: commit confirmed not supported for private configuration\n"
	}
	cand := s.candidate()
	if msg := cand.check(); msg != "" {
		return msg
	}
	if check {
		return "configuration check succeeds\n"
	}
	s.d.commit(cand)
	out := "configuration check succeeds\n"
	if confirmed {
		s.d.arm(minutes)
		out += "commit confirmed will be automatically rolled back in " + strconv.Itoa(minutes) + " minutes unless confirmed\n"
	} else {
		s.d.confirm()
	}
	if s.db != "shared" {
		s.own = s.d.committed().clone()
	}
	return out + "commit complete\n"
}
