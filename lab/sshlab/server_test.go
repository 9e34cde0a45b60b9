package sshlab

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/voxlan/voxlan/lab/clisim"
)

func TestServerExecAuthAndLatency(t *testing.T) {
	srv, err := Listen("127.0.0.1:0", "admin", "right", clisim.NewIOS("SW1", 10, "198.18.1.2"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dial := func(pw string) (*ssh.Client, error) {
		return ssh.Dial("tcp", srv.Addr(), &ssh.ClientConfig{User: "admin", Auth: []ssh.AuthMethod{ssh.Password(pw)},
			HostKeyCallback: ssh.FixedHostKey(srv.HostKey()), Timeout: 5 * time.Second})
	}
	if _, err := dial("wrong"); err == nil {
		t.Fatal("a wrong password was accepted")
	}
	run := func() (string, time.Duration) {
		c, err := dial("right")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		out, err := s.Output("show vlan brief")
		if err != nil {
			t.Fatal(err)
		}
		return string(out), time.Since(start)
	}
	out, fast := run()
	if !strings.Contains(out, "VLAN Name") {
		t.Fatalf("exec output %q", out)
	}
	srv.SetLatency(100 * time.Millisecond)
	_, slow := run()
	if slow < 100*time.Millisecond || slow < fast {
		t.Errorf("with 100 ms of latency an exec took %v (without: %v)", slow, fast)
	}
	if srv.Sessions() != 2 {
		t.Errorf("got %d sessions, want 2", srv.Sessions())
	}
}
