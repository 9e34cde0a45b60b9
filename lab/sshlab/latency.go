package sshlab

import (
	"net"
	"sync"
	"time"
)

// delayedConn delivers every byte read from the client half the round-trip
// time late and sends every byte written half of it late, in order: a
// switch across a WAN link, without netem.
type delayedConn struct {
	net.Conn
	half time.Duration

	in  chan chunk
	buf []byte

	wmu       sync.Mutex
	out       chan chunk
	wdone     chan struct{}
	closeOnce sync.Once
	closed    bool // under wmu: out is closed
}

type chunk struct {
	at   time.Time
	data []byte
	err  error
}

func withLatency(c net.Conn, rtt time.Duration) net.Conn {
	if rtt <= 0 {
		return c
	}
	d := &delayedConn{Conn: c, half: rtt / 2, in: make(chan chunk, 1024), out: make(chan chunk, 1024), wdone: make(chan struct{})}
	go func() {
		for {
			b := make([]byte, 32*1024)
			n, err := c.Read(b)
			d.in <- chunk{at: time.Now().Add(d.half), data: b[:n], err: err}
			if err != nil {
				close(d.in)
				return
			}
		}
	}()
	go func() {
		defer close(d.wdone)
		for ch := range d.out {
			time.Sleep(time.Until(ch.at))
			if _, err := c.Write(ch.data); err != nil {
				return
			}
		}
	}()
	return d
}

func (d *delayedConn) Read(p []byte) (int, error) {
	for len(d.buf) == 0 {
		ch, ok := <-d.in
		if !ok {
			return 0, net.ErrClosed
		}
		time.Sleep(time.Until(ch.at))
		d.buf = ch.data
		if ch.err != nil && len(d.buf) == 0 {
			return 0, ch.err
		}
	}
	n := copy(p, d.buf)
	d.buf = d.buf[n:]
	return n, nil
}

func (d *delayedConn) Write(p []byte) (int, error) {
	d.wmu.Lock()
	defer d.wmu.Unlock()
	select {
	case <-d.wdone:
		return 0, net.ErrClosed
	default:
	}
	if d.closed {
		return 0, net.ErrClosed
	}
	d.out <- chunk{at: time.Now().Add(d.half), data: append([]byte(nil), p...)}
	return len(p), nil
}

func (d *delayedConn) Close() error {
	d.closeOnce.Do(func() {
		d.wmu.Lock()
		d.closed = true
		close(d.out)
		d.wmu.Unlock()
	})
	<-d.wdone
	return d.Conn.Close()
}
