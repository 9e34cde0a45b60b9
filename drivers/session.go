package drivers

import (
	"context"
	"errors"
)

// Session is one open CLI session to a switch. drivers/ssh implements it
// over scrapligo; tests may implement it in memory.
type Session interface {
	// Command runs one show/exec command in privileged EXEC and returns its
	// output without the echo and the final prompt.
	Command(ctx context.Context, command string) (string, error)
	// Configure sends lines in configuration mode (at the prompt where the
	// OS has none, Attrs.NoConfigMode), batch lines per write,
	// reads every line's reply and stops after the first batch with a line
	// the OS rejected. It returns the reply of every line sent; a rejected
	// line carries its error text. A non-nil error means the session failed
	// (dropped, timed out) and the results are what was read before.
	Configure(ctx context.Context, lines []string, batch int) ([]LineResult, error)
	// Save writes the running configuration to startup.
	Save(ctx context.Context) error
	// RoundTrips is how many times the session waited for the switch.
	RoundTrips() int
	Close() error
}

// LineResult is what the switch answered to one configuration line.
type LineResult struct {
	Line  string `json:"line"`
	Reply string `json:"reply,omitempty"`
	// Error is the OS's error line when it rejected the line.
	Error string `json:"error,omitempty"`
}

// Errors a Session returns (wrapped).
var (
	// ErrSessionLost: the connection dropped mid-operation.
	ErrSessionLost = errors.New("session lost")
	// ErrTimeout: the switch did not answer in time.
	ErrTimeout = errors.New("timed out waiting for the switch")
	// ErrAuth: the switch refused the credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrHostKey: the host key is unknown and was not accepted, or changed.
	ErrHostKey = errors.New("host key not trusted")
)
