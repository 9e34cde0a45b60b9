// Package clisim emulates switch command lines for tests, benchmarks and
// `voxlan demo`: a stateful device (running configuration of interfaces,
// VLANs, LLDP, PoE) behind the vendor's modes, prompts, paging and error
// texts, with fault injection for the apply/rollback tests.
//
// A Device holds the state; each SSH session gets its own Shell (mode,
// terminal length) over the shared Device, so a second session sees what
// the first one configured, as on a real switch.
package clisim

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"
)

// Shell is one CLI session's command interpreter.
type Shell interface {
	// Prompt is printed before each line is read.
	Prompt() string
	// Exec runs one line. out is printed before the next prompt; done ends
	// the session (logout, or a fault that drops the connection).
	Exec(line string) (out string, done bool)
	// PageLength is the terminal length, 0 = no paging.
	PageLength() int
	// Banner is printed once before the first prompt.
	Banner() string
}

// Pager is implemented by a Shell whose OS marks a paused page with its
// own text (AOS-S "-- MORE --, next page: Space, ..."); the default is
// IOS's " --More-- ".
type Pager interface {
	MoreText() string
}

// defaultMoreText marks a paused page for a Shell that is not a Pager.
const defaultMoreText = " --More-- "

// KeyWaiter is implemented by a Shell whose banner ends in "Press any key
// to continue": Serve reads one key before the first prompt.
type KeyWaiter interface {
	WaitKeyAfterBanner() bool
}

// Faults inject the failures the apply tests need. Each fires once.
type Faults struct {
	mu sync.Mutex
	// DropAfterConfigLines closes the session right after this many
	// configuration-mode lines were read (0 = never).
	DropAfterConfigLines int
	// Reject makes the first configuration line equal to it fail with the
	// OS's error text, without applying it.
	Reject string
	// Ignore makes the first configuration line equal to it succeed without
	// changing anything (the verify-mismatch test).
	Ignore string
	// ConfigDelay is waited before replying to each configuration line (the
	// slow-device test).
	ConfigDelay time.Duration
	// AfterConfigLine, when set, is called with the count and the line
	// (trimmed) after each configuration-mode line is read, before the
	// device acts on it (a test cuts the SSH server there:
	// sshlab.Server.Outage).
	AfterConfigLine func(n int, line string)
	// OnCommand, when set, is called with each EXEC-mode command before
	// the device runs it (a test cuts the server during verification).
	OnCommand func(command string)

	configLines int
}

// command is called for each EXEC-mode line.
func (f *Faults) command(line string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	hook := f.OnCommand
	f.mu.Unlock()
	if hook != nil {
		hook(line)
	}
}

// configLine is called for each configuration-mode line and says what the
// device does with it.
func (f *Faults) configLine(line string) (drop, reject, ignore bool, delay time.Duration) {
	if f == nil {
		return
	}
	f.mu.Lock()
	f.configLines++
	if hook, n := f.AfterConfigLine, f.configLines; hook != nil {
		f.mu.Unlock()
		hook(n, line)
		f.mu.Lock()
	}
	defer f.mu.Unlock()
	if f.DropAfterConfigLines > 0 && f.configLines == f.DropAfterConfigLines {
		f.DropAfterConfigLines = 0
		drop = true
	}
	if f.Reject != "" && line == f.Reject {
		f.Reject, reject = "", true
	}
	if f.Ignore != "" && line == f.Ignore {
		f.Ignore, ignore = "", true
	}
	return drop, reject, ignore, f.ConfigDelay
}

// SetHooks sets AfterConfigLine and OnCommand while sessions run.
func (f *Faults) SetHooks(afterConfigLine func(n int, line string), onCommand func(command string)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.AfterConfigLine, f.OnCommand = afterConfigLine, onCommand
}

// SetConfigDelay sets ConfigDelay while sessions run (from a hook).
func (f *Faults) SetConfigDelay(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ConfigDelay = d
}

// ConfigLines is how many configuration-mode lines the device has read.
func (f *Faults) ConfigLines() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.configLines
}

// SecretReader is a Shell that sometimes reads a password (IOS `enable`):
// Serve does not echo what is typed then.
type SecretReader interface {
	ReadingSecret() bool
}

func readingSecret(sh Shell) bool {
	sr, ok := sh.(SecretReader)
	return ok && sr.ReadingSecret()
}

// SessionCloser is implemented by a Shell whose OS acts when the session
// ends, however it ends (Junos discards an exclusive candidate's
// uncommitted changes and releases its lock): Serve calls Close on return.
type SessionCloser interface {
	Close()
}

// ErrDropped is returned by Serve when a fault closed the session.
var ErrDropped = errors.New("clisim: session dropped by fault injection")

// Serve runs sh on rw until logout, EOF or ctx ends. Like a switch over an
// SSH pty it echoes what it reads (echo=false when a kernel tty already
// does), takes CR or LF as the end of a line, and pages long outputs with
// --More-- when the terminal length is not 0.
func Serve(ctx context.Context, rw io.ReadWriter, sh Shell, echo bool) error {
	if c, ok := sh.(SessionCloser); ok {
		defer c.Close()
	}
	r := bufio.NewReader(rw)
	w := bufio.NewWriter(rw)
	write := func(s string) error {
		if _, err := w.WriteString(strings.ReplaceAll(s, "\n", "\r\n")); err != nil {
			return err
		}
		return w.Flush()
	}
	if b := sh.Banner(); b != "" {
		if err := write(b); err != nil {
			return err
		}
	}
	if kw, ok := sh.(KeyWaiter); ok && kw.WaitKeyAfterBanner() {
		if _, err := r.ReadByte(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
	if err := write(sh.Prompt()); err != nil {
		return err
	}
	var line []byte
	lastCR := false
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c, err := r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if c == '\n' && lastCR {
			lastCR = false
			continue // CRLF: the CR already ended the line
		}
		lastCR = c == '\r'
		switch c {
		case '\r', '\n':
		case 0x7f, 0x08:
			if len(line) > 0 {
				line = line[:len(line)-1]
				if echo && !readingSecret(sh) {
					if err := write("\b \b"); err != nil {
						return err
					}
				}
			}
			continue
		case 0x03: // ctrl-c drops the line
			line = line[:0]
			if err := write("\n" + sh.Prompt()); err != nil {
				return err
			}
			continue
		default:
			if c < 0x20 {
				continue
			}
			line = append(line, c)
			if echo && !readingSecret(sh) {
				if err := w.WriteByte(c); err != nil {
					return err
				}
				// Flush only when no more input is waiting, so a pasted
				// batch is echoed in one write.
				if r.Buffered() == 0 {
					if err := w.Flush(); err != nil {
						return err
					}
				}
			}
			continue
		}
		out, done := sh.Exec(string(line))
		line = line[:0]
		if err := write("\n"); err != nil {
			return err
		}
		more := defaultMoreText
		if pg, ok := sh.(Pager); ok {
			more = pg.MoreText()
		}
		if err := page(r, write, out, sh.PageLength(), more); err != nil {
			return err
		}
		if done {
			if errors.Is(ctxErrOrDrop(out), ErrDropped) {
				return ErrDropped
			}
			return nil
		}
		if err := write(sh.Prompt()); err != nil {
			return err
		}
	}
}

// dropMarker ends the output of a line after which a fault drops the
// session; Serve prints nothing of it.
const dropMarker = "\x00drop"

func ctxErrOrDrop(out string) error {
	if strings.HasSuffix(out, dropMarker) {
		return ErrDropped
	}
	return nil
}

// page writes out, stopping every length-1 lines at " --More-- " until a
// key: space shows the next page, return the next line, q (or anything
// else) ends the output, as IOS does.
func page(r *bufio.Reader, write func(string) error, out string, length int, more string) error {
	out = strings.TrimSuffix(out, dropMarker)
	if out == "" {
		return nil
	}
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	lines := strings.SplitAfter(out, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if length <= 1 || len(lines) < length {
		return write(out)
	}
	budget := length - 1
	for i := 0; i < len(lines); i++ {
		if budget == 0 {
			if err := write(more); err != nil {
				return err
			}
			c, err := r.ReadByte()
			if err != nil {
				return err
			}
			// Erase the marker the way IOS does (backspaces over it).
			n := len(more)
			if err := write(strings.Repeat("\b", n) + strings.Repeat(" ", n) + strings.Repeat("\b", n)); err != nil {
				return err
			}
			switch c {
			case ' ':
				budget = length - 1
			case '\r', '\n':
				budget = 1
			default:
				return nil
			}
		}
		if err := write(lines[i]); err != nil {
			return err
		}
		budget--
	}
	return nil
}

// intercept runs the configuration-line faults on line: after the
// configured delay, a dropped session (dropMarker, done), a rejected line
// (the OS's error text, from rejected) or an ignored one (no output) is
// what the device answers instead of running it; faulted is false when the
// line runs as usual.
func (f *Faults) intercept(line string, rejected func() string) (out string, done, faulted bool) {
	drop, reject, ignore, delay := f.configLine(line)
	if delay > 0 {
		time.Sleep(delay)
	}
	switch {
	case drop:
		return dropMarker, true, true
	case reject:
		return rejected(), false, true
	case ignore:
		return "", false, true
	}
	return "", false, false
}
