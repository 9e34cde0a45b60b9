package clisim

import (
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// conn is the client end of a session: everything the device writes is
// collected in the background so the device never blocks on a write.
type conn struct {
	net.Conn
	mu  sync.Mutex
	buf strings.Builder
	off int
}

func serveTest(t *testing.T, sh Shell) *conn {
	client, server := net.Pipe()
	c := &conn{Conn: client}
	go func() {
		_ = Serve(t.Context(), server, sh, true)
		server.Close()
	}()
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := client.Read(b)
			c.mu.Lock()
			c.buf.Write(b[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { client.Close() })
	return c
}

// readUntil returns what arrived since the last call, up to and including
// marker; it fails the test after 5 s.
func (c *conn) readUntil(t *testing.T, marker string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		s := c.buf.String()[c.off:]
		if i := strings.Index(s, marker); i >= 0 {
			c.off += i + len(marker)
			c.mu.Unlock()
			return s[:i+len(marker)]
		}
		c.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t.Fatalf("no %q within 5 s; got %q", marker, c.buf.String()[c.off:])
	return ""
}
