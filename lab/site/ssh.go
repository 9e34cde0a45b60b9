package site

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"sync"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/voxlan/voxlan/lab/clisim"
	"github.com/voxlan/voxlan/lab/sshlab"
	"github.com/voxlan/voxlan/snapshot"
	"github.com/voxlan/voxlan/snmp"
)

// SSHUser is the account every emulated switch accepts.
const SSHUser = "voxlan"

// maxLoopbackHosts bounds the switches served with SSH: each has its own
// address in 127.0.0.0/24.
const maxLoopbackHosts = 250

// SSHEndpoint is where a switch's CLI emulator answers.
type SSHEndpoint struct {
	// Address is its loopback host:port.
	Address string
	User    string
	// HostKey is the server's key, generated at start.
	HostKey  ssh.PublicKey
	password string
	device   sshlab.Device
}

// Password is the switch's SSH password: random, generated at start and
// kept in memory only.
func (e *SSHEndpoint) Password() string { return e.password }

// Device is the emulator behind the endpoint, to read its state back.
func (e *SSHEndpoint) Device() sshlab.Device { return e.device }

// emulators build a CLI emulator from a switch as discovered, per
// platform. Platforms missing here have no SSH side in the demo.
var emulators = map[string]func(snapshot.Switch) sshlab.Device{
	"cisco_ios":   func(sw snapshot.Switch) sshlab.Device { return clisim.NewIOSFromSwitch(sw) },
	"aruba_aoss":  func(sw snapshot.Switch) sshlab.Device { return clisim.NewAOSSFromSwitch(sw) },
	"cisco_sb":    func(sw snapshot.Switch) sshlab.Device { return clisim.NewSBFromSwitch(sw) },
	"aruba_aoscx": func(sw snapshot.Switch) sshlab.Device { return clisim.NewAOSCXFromSwitch(sw) },
}

// startSSH reads each switch whose platform voxlan emulates from its own
// SNMP agent, seeds an emulator with what was read (so the CLI and SNMP
// tell the same story) and serves it over SSH beside the agent.
func (s *Site) startSSH(ctx context.Context) error {
	creds := &snmp.Credentials{Version: "2c", Community: s.community}
	seeded := make([]snapshot.Switch, len(s.switches))
	var wg sync.WaitGroup
	for i, sw := range s.switches {
		if emulators[sw.Platform] == nil {
			continue
		}
		wg.Go(func() {
			seeded[i] = snmp.DiscoverSwitch(ctx, snmp.Target{Address: sw.Address, Credentials: creds}, snmp.Options{})
		})
	}
	wg.Wait()
	for i := range s.switches {
		sw := &s.switches[i]
		build := emulators[sw.Platform]
		if build == nil {
			sw.NoSSH = fmt.Sprintf("the demo has no CLI emulator for %s (%s): plan and apply are not available on it", sw.Platform, sw.Name)
			continue
		}
		if len(seeded[i].Ports) == 0 {
			return fmt.Errorf("site: %s: reading the recording to seed its CLI: %v", sw.Name, seeded[i].Errors)
		}
		host, _, err := net.SplitHostPort(sw.Address)
		if err != nil {
			return fmt.Errorf("site: %s: %w", sw.Name, err)
		}
		password, err := randomPassword()
		if err != nil {
			return err
		}
		dev := build(seeded[i])
		srv, err := sshlab.Listen(net.JoinHostPort(host, "0"), SSHUser, password, dev)
		if err != nil {
			return fmt.Errorf("site: %s: serving SSH: %w", sw.Name, err)
		}
		s.servers = append(s.servers, srv)
		sw.SSH = &SSHEndpoint{Address: srv.Addr(), User: SSHUser, HostKey: srv.HostKey(), password: password, device: dev}
	}
	return nil
}

func randomPassword() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("site: generating a password: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// KnownHosts is a known_hosts file trusting every switch's SSH host key at
// its address, so clients check the keys instead of accepting any.
func (s *Site) KnownHosts() []byte {
	var out []byte
	for _, sw := range s.switches {
		if sw.SSH != nil {
			out = append(out, knownhosts.Line([]string{knownhosts.Normalize(sw.SSH.Address)}, sw.SSH.HostKey)...)
			out = append(out, '\n')
		}
	}
	return out
}
