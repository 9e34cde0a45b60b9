package snmpagent

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"time"
)

// SNMP over TCP follows RFC 3430 ("SNMP over TCP Transport Mapping"): each
// message is sent as its BER-encoded SEQUENCE, with no framing around it, so
// the reader finds the end of a message from its length header. A manager
// may send many requests on one connection; the agent answers each in turn.

const (
	// maxStreamMessage bounds one message read from a stream: what a UDP
	// datagram can hold, the largest message this agent ever expects.
	maxStreamMessage = 65535
	// maxStreams bounds the connections open at once per endpoint; beyond
	// it new ones are closed at once.
	maxStreams = 256
	// streamIdle closes a connection that sent nothing for this long, so
	// that a stalled manager cannot pin a goroutine for ever.
	streamIdle = 2 * time.Minute
)

// errBadFrame is a stream that is not a sequence of BER SEQUENCEs (or holds
// one longer than maxStreamMessage): the connection is dropped.
var errBadFrame = errors.New("snmpagent: not an SNMP message stream")

// serveTCP accepts connections until the listener is closed.
func (s *server) serveTCP(ctx context.Context) {
	var streams sync.WaitGroup
	defer func() {
		s.closeStreams()
		streams.Wait()
	}()
	for {
		c, err := s.listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || ctx.Err() != nil {
				return
			}
			continue // a transient accept error (EMFILE) must not stop the agent
		}
		if !s.track(c) {
			c.Close()
			continue
		}
		streams.Go(func() {
			defer s.untrack(c)
			s.serveStream(ctx, c)
		})
	}
}

// track registers an open connection; false when the endpoint is closed or
// has maxStreams open already.
func (s *server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || len(s.streams) >= maxStreams {
		return false
	}
	if s.streams == nil {
		s.streams = map[net.Conn]struct{}{}
	}
	s.streams[c] = struct{}{}
	return true
}

func (s *server) untrack(c net.Conn) {
	c.Close()
	s.mu.Lock()
	delete(s.streams, c)
	s.mu.Unlock()
}

// closeStreams closes every open connection and refuses new ones; the
// connections' goroutines then end on their read error.
func (s *server) closeStreams() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.streams {
		c.Close()
	}
}

// serveStream answers the messages of one connection, in order, until it
// closes, errs, idles or sends something that is not an SNMP message.
func (s *server) serveStream(ctx context.Context, c net.Conn) {
	buf := make([]byte, maxStreamMessage)
	for ctx.Err() == nil {
		_ = c.SetReadDeadline(time.Now().Add(streamIdle))
		msg, err := readMessage(c, buf)
		if err != nil {
			return
		}
		arrived := time.Now()
		s.serial.Lock()
		drop := s.opts.DropRate > 0 && s.rng.Float64() < s.opts.DropRate
		var out []byte
		if !drop {
			out = s.respond(msg)
		}
		s.serial.Unlock()
		if drop {
			s.count(false)
			continue
		}
		if out == nil {
			continue
		}
		s.count(true)
		if s.opts.Delay > 0 {
			t := time.NewTimer(time.Until(arrived.Add(2 * s.opts.Delay)))
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return
			}
		}
		if _, err := c.Write(out); err != nil {
			return
		}
	}
}

// readMessage reads one BER SEQUENCE from r into buf and returns it whole
// (tag, length and contents). io.EOF means the peer closed between
// messages; errBadFrame a stream that is not SNMP.
func readMessage(r io.Reader, buf []byte) ([]byte, error) {
	if _, err := io.ReadFull(r, buf[:2]); err != nil {
		return nil, err
	}
	if buf[0] != 0x30 { // SEQUENCE
		return nil, errBadFrame
	}
	header, length := 2, int(buf[1])
	if length >= 0x80 {
		// Long form: the low bits count the length octets that follow.
		// 0x80 (indefinite) is not allowed in SNMP's BER, nor more octets
		// than a 64 KiB message needs.
		n := length & 0x7f
		if n == 0 || n > 2 {
			return nil, errBadFrame
		}
		if _, err := io.ReadFull(r, buf[2:2+n]); err != nil {
			return nil, err
		}
		length = 0
		for _, b := range buf[2 : 2+n] {
			length = length<<8 | int(b)
		}
		header += n
	}
	if header+length > len(buf) {
		return nil, errBadFrame
	}
	if _, err := io.ReadFull(r, buf[header:header+length]); err != nil {
		return nil, err
	}
	return buf[:header+length], nil
}
