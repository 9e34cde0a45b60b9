// Package sshlab serves clisim devices over SSH: an in-process
// golang.org/x/crypto/ssh server on loopback (for `voxlan demo`, tests and
// benchmarks) and a helper that runs OpenSSH sshd in a network namespace
// with the emulator as ForceCommand (sshd.go).
package sshlab

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/voxlan/voxlan/lab/clisim"
)

// Device is what the server serves: one shell per SSH session.
type Device interface {
	NewShell() clisim.Shell
}

// Server is an SSH server for one emulated switch.
type Server struct {
	ln       net.Listener // guarded by mu: Outage replaces it
	addr     string
	cfg      *ssh.ServerConfig
	dev      Device
	hostKey  ssh.PublicKey
	sessions atomic.Int64
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	mu       sync.Mutex
	conns    map[net.Conn]bool
	latency  time.Duration
}

// SetLatency delays every later connection by rtt per round trip (half
// each way), like a switch across a WAN link.
func (s *Server) SetLatency(rtt time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = rtt
}

// Listen starts a server on addr (use "127.0.0.1:0") accepting user with
// password. The host key is a fresh ed25519 key.
func Listen(addr, user, password string, dev Device) (*Server, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		return nil, err
	}
	return ListenWithKey(addr, user, password, dev, signer)
}

// ListenWithKey is Listen with a given host key (the changed-key test).
// More keys may follow: the server offers them all, as a switch with an
// ed25519 and an ECDSA host key does; HostKey is the first.
func ListenWithKey(addr, user, password string, dev Device, hostKey ssh.Signer, more ...ssh.Signer) (*Server, error) {
	cfg := &ssh.ServerConfig{
		PasswordCallback: func(c ssh.ConnMetadata, pass []byte) (*ssh.Permissions, error) {
			okUser := subtle.ConstantTimeCompare([]byte(c.User()), []byte(user)) == 1
			okPass := subtle.ConstantTimeCompare(pass, []byte(password)) == 1
			if okUser && okPass {
				return nil, nil
			}
			return nil, errors.New("sshlab: bad credentials")
		},
	}
	cfg.AddHostKey(hostKey)
	for _, k := range more {
		cfg.AddHostKey(k)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{ln: ln, addr: ln.Addr().String(), cfg: cfg, dev: dev, hostKey: hostKey.PublicKey(), ctx: ctx, cancel: cancel, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.accept(ln)
	return s, nil
}

// Addr is host:port of the listener.
func (s *Server) Addr() string { return s.addr }

// Outage cuts every open session and refuses connections (nothing
// listens) for d, then listens again on the same address; with d < 0 the
// switch is gone for good. It is the fault of a switch whose link or
// management path went away mid-change. The device keeps its state.
func (s *Server) Outage(d time.Duration) {
	// The listener closes before the sessions do: a client that sees its
	// session end and dials back at once must find the switch gone, not
	// slip in before the listener closes.
	s.mu.Lock()
	s.ln.Close()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	if d < 0 {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
		}
		nl, err := net.Listen("tcp", s.addr)
		if err != nil {
			return // the port was taken meanwhile: the switch stays gone
		}
		s.mu.Lock()
		if s.ctx.Err() != nil {
			s.mu.Unlock()
			nl.Close()
			return
		}
		s.ln = nl
		s.mu.Unlock()
		s.wg.Add(1)
		go s.accept(nl)
	}()
}

// HostKey is the server's public host key.
func (s *Server) HostKey() ssh.PublicKey { return s.hostKey }

// Sessions is how many SSH connections were accepted so far.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// Close stops the listener and every open session.
func (s *Server) Close() error {
	s.mu.Lock()
	s.cancel()
	err := s.ln.Close()
	if errors.Is(err, net.ErrClosed) {
		err = nil // closed by an Outage
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

func (s *Server) accept(ln net.Listener) {
	defer s.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns[c] = true
		rtt := s.latency
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
				c.Close()
			}()
			s.handle(withLatency(c, rtt))
		}()
	}
}

func (s *Server) handle(c net.Conn) {
	sc, chans, reqs, err := ssh.NewServerConn(c, s.cfg)
	if err != nil {
		return
	}
	defer sc.Close()
	s.sessions.Add(1)
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		if nc.ChannelType() != "session" {
			_ = nc.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, creqs, err := nc.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.session(sc, ch, creqs)
		}()
	}
}

func (s *Server) session(sc *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	defer ch.Close()
	for req := range reqs {
		switch req.Type {
		case "pty-req", "env", "window-change":
			_ = req.Reply(true, nil)
		case "shell":
			_ = req.Reply(true, nil)
			go ssh.DiscardRequests(reqs)
			err := clisim.Serve(s.ctx, ch, s.dev.NewShell(), true)
			if errors.Is(err, clisim.ErrDropped) {
				// A dropped session: close the TCP connection, no exit
				// status, as when a switch reloads or a link fails.
				sc.Close()
				return
			}
			_, _ = ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{0}))
			return
		case "exec":
			var p struct{ Command string }
			if err := ssh.Unmarshal(req.Payload, &p); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			_ = req.Reply(true, nil)
			out, _ := s.dev.NewShell().Exec(p.Command)
			fmt.Fprint(ch, out)
			_, _ = ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{0}))
			return
		default:
			_ = req.Reply(false, nil)
		}
	}
}
