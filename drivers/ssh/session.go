// Package ssh opens CLI sessions to switches with scrapligo (v1 API). It is
// the only package that imports scrapligo; the rest of voxlan sees
// drivers.Session.
package ssh

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/channel"
	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/transport"
	"github.com/scrapli/scrapligo/util"

	"github.com/voxlan/voxlan/drivers"
)

// Options open one session. Password is never printed: errors name the
// host and user only.
type Options struct {
	// Addr is host:port.
	Addr     string
	User     string
	Password string
	// Enable is the enable secret when the OS asks for one (defaults to
	// Password).
	Enable string
	Attrs  drivers.Attrs
	// KnownHosts is the known_hosts file checked (strictly) by the SSH
	// transport. Run CheckHostKey first to add a new key per policy.
	KnownHosts string
	// Timeout bounds each reply (per line for Configure), 30 s when 0.
	Timeout time.Duration
	// ReplayFile replays a recorded session through scrapligo's file
	// transport instead of connecting (tests).
	ReplayFile string
	// ChannelLog receives everything read from the switch (recording).
	ChannelLog io.Writer
}

// Session implements drivers.Session over a scrapligo network driver.
type Session struct {
	d          *network.Driver
	attrs      drivers.Attrs
	addr       string
	timeout    time.Duration
	roundTrips int
}

var _ drivers.Session = (*Session)(nil)

// Open connects, authenticates and prepares the terminal (no paging) per
// the platform's on-open steps.
func Open(ctx context.Context, o Options) (*Session, error) {
	if o.Timeout == 0 {
		o.Timeout = 30 * time.Second
	}
	host, portStr, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return nil, fmt.Errorf("ssh: address %q: %w", o.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("ssh: port in %q: %w", o.Addr, err)
	}
	enable := o.Enable
	if enable == "" {
		enable = o.Password
	}
	opts := []util.Option{
		options.WithAuthUsername(o.User),
		options.WithAuthPassword(o.Password),
		options.WithAuthSecondary(enable),
		options.WithPort(port),
		options.WithTimeoutOps(o.Timeout),
		options.WithTimeoutSocket(o.Timeout),
		options.WithFailedWhenContains(o.Attrs.ErrorMarkers),
	}
	if o.ReplayFile != "" {
		opts = append(opts, options.WithTransportType(transport.FileTransport), options.WithFileTransportFile(o.ReplayFile),
			options.WithTransportReadSize(1), options.WithReadDelay(0))
	} else {
		if o.KnownHosts == "" {
			return nil, fmt.Errorf("ssh %s: no known_hosts file given; voxlan never connects without checking the host key", o.Addr)
		}
		opts = append(opts, options.WithTransportType(transport.StandardTransport), options.WithSSHKnownHostsFile(o.KnownHosts),
			options.WithReadDelay(200*time.Microsecond))
		if algos := KnownHostKeyAlgorithms(o.KnownHosts, o.Addr); len(algos) > 0 {
			opts = append(opts, options.WithStandardTransportHostKeyAlgorithms(algos))
		}
	}
	if o.ChannelLog != nil {
		opts = append(opts, options.WithChannelLog(o.ChannelLog))
	}
	if o.Attrs.DiscardLine != "" {
		opts = append(opts, options.WithNetworkOnClose(closeDiscarding(o.Attrs.DiscardLine)))
	}
	var def any = o.Attrs.ScrapliPlatform
	if o.Attrs.PlatformYAML != nil {
		def = o.Attrs.PlatformYAML
	}
	p, err := platform.NewPlatform(def, host, opts...)
	if err != nil {
		return nil, fmt.Errorf("ssh %s: platform: %w", o.Addr, err)
	}
	d, err := p.GetNetworkDriver()
	if err != nil {
		return nil, fmt.Errorf("ssh %s: platform: %w", o.Addr, err)
	}
	done := make(chan error, 1)
	go func() { done <- d.Open() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		go func() {
			// Only an open driver may be closed: scrapligo's close runs
			// the platform's on-close steps on the transport.
			if <-done == nil {
				_ = d.Close()
			}
		}()
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, classify(o.Addr, "connect as "+o.User, err)
	}
	// Opening waits for the first prompt, then for the echo and the reply
	// of terminal width and terminal length.
	return &Session{d: d, attrs: o.Attrs, addr: o.Addr, timeout: o.Timeout, roundTrips: 5}, nil
}

// closeDiscarding replaces the platform's on-close steps for an OS with a
// candidate configuration. scrapligo's juniper_junos on-close acquires the
// exec level first, but leaving configuration mode with uncommitted lines
// makes Junos ask "Discard uncommitted changes? [yes,no] (yes)", which no
// prompt pattern matches, so the close would wait out the timeout. The
// candidate is thrown away first instead, then the session leaves; the
// lines are typed ahead and not waited for (ending the session discards an
// exclusive candidate all the same).
func closeDiscarding(discard string) func(d *network.Driver) error {
	return func(d *network.Driver) error {
		in := "exit\n"
		if d.CurrentPriv != d.DefaultDesiredPriv {
			in = discard + "\nexit configuration-mode\n" + in
		}
		return d.Channel.Write([]byte(in), false)
	}
}

// classify maps scrapligo's sentinels to drivers' and drops anything but
// the host and the step from the message (scrapligo errors can carry
// channel output).
func classify(addr, step string, err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("ssh %s: %s: interrupted: %w", addr, step, err)
	case errors.Is(err, util.ErrAuthError):
		return fmt.Errorf("ssh %s: %s: %w; check the user and the password reference", addr, step, drivers.ErrAuth)
	case errors.Is(err, util.ErrPrivilegeError):
		return fmt.Errorf("ssh %s: %s: %w: could not enter privileged mode; check the enable password reference", addr, step, drivers.ErrAuth)
	case errors.Is(err, util.ErrTimeoutError), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("ssh %s: %s: %w; check that it answers SSH at this address, or give a longer --timeout", addr, step, drivers.ErrTimeout)
	case errors.Is(err, util.ErrConnectionError), errors.Is(err, io.EOF):
		return fmt.Errorf("ssh %s: %s: %w", addr, step, drivers.ErrSessionLost)
	case strings.Contains(err.Error(), "knownhosts") || strings.Contains(err.Error(), "host key"):
		return fmt.Errorf("ssh %s: %s: %w", addr, step, drivers.ErrHostKey)
	case strings.Contains(err.Error(), "unable to authenticate"):
		return fmt.Errorf("ssh %s: %s: %w; check the user and the password reference", addr, step, drivers.ErrAuth)
	}
	return fmt.Errorf("ssh %s: %s: %w: %v", addr, step, drivers.ErrSessionLost, err)
}

// classify is classify for an open session: scrapligo reports a session
// that died while it was changing mode (leaving configuration mode before
// a show command) as a privilege error, which would read as a wrong enable
// password. A privilege error on a session that no longer answers is a
// lost session.
func (s *Session) classify(step string, err error) error {
	if errors.Is(err, util.ErrPrivilegeError) && !s.answers() {
		return fmt.Errorf("ssh %s: %s: %w (it stopped answering while leaving configuration mode)", s.addr, step, drivers.ErrSessionLost)
	}
	return classify(s.addr, step, err)
}

// answers reports whether the switch still gives a prompt.
func (s *Session) answers() bool {
	s.roundTrips++
	_, err := s.d.Channel.GetPrompt()
	return err == nil
}

// Command implements drivers.Session.
func (s *Session) Command(ctx context.Context, command string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	// scrapligo waits for the echo of the command, then for its output.
	s.roundTrips += 2
	r, err := s.d.SendCommand(command)
	if err != nil {
		return "", s.classify(strconv.Quote(command), err)
	}
	if r.Failed != nil {
		return r.Result, fmt.Errorf("ssh %s: %q rejected: %s", s.addr, command, firstErrorLine(r.Result, s.attrs.ErrorMarkers))
	}
	return r.Result, nil
}

// Save implements drivers.Session.
func (s *Session) Save(ctx context.Context) error {
	if s.attrs.SaveConfirm == "" {
		_, err := s.Command(ctx, s.attrs.SaveCommand)
		return err
	}
	s.roundTrips += 2
	_, err := s.d.SendInteractive([]*channel.SendInteractiveEvent{
		{ChannelInput: s.attrs.SaveCommand, ChannelResponse: "[Y/N]", HideInput: false},
		{ChannelInput: s.attrs.SaveConfirm, ChannelResponse: "", HideInput: false},
	})
	if err != nil {
		return s.classify("save", err)
	}
	return nil
}

// RoundTrips implements drivers.Session: every time the client waited for
// the switch (SSH's own handshake not counted).
func (s *Session) RoundTrips() int { return s.roundTrips }

// Close implements drivers.Session.
func (s *Session) Close() error { return s.d.Close() }

func firstErrorLine(out string, markers []string) string {
	for _, l := range strings.Split(out, "\n") {
		for _, m := range markers {
			if strings.Contains(l, m) {
				return strings.TrimSpace(l)
			}
		}
	}
	return "error"
}

// ReplayWrites returns what a replay session (Options.ReplayFile) wrote,
// one entry per write, so tests compare what would have been sent with a
// golden file. It is nil for a live session.
func (s *Session) ReplayWrites() [][]byte {
	if f, ok := s.d.Transport.Impl.(*transport.File); ok {
		return f.Writes
	}
	return nil
}
