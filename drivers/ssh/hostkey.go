package ssh

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"

	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/voxlan/voxlan/drivers"
)

// HostKeyPolicy says what to do with a host key known_hosts does not hold.
// A key that differs from the one known_hosts holds is always refused.
type HostKeyPolicy struct {
	// AcceptNew adds an unknown key without asking (--accept-new-hostkey).
	AcceptNew bool
	// Ask is called for an unknown key when AcceptNew is false; nil means
	// refuse. It gets the address and the key's SHA256 fingerprint.
	Ask func(addr, fingerprint string) bool
}

// errProbeDone stops the handshake once the host key is seen.
var errProbeDone = errors.New("host key read")

// CheckHostKey reads the switch's host key and checks it against
// knownHostsFile (created 0600 when absent), adding it per policy. It
// authenticates nothing: the handshake stops at the key.
func CheckHostKey(ctx context.Context, addr, knownHostsFile string, policy HostKeyPolicy, timeout time.Duration) error {
	if err := os.MkdirAll(filepath.Dir(knownHostsFile), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(knownHostsFile, os.O_CREATE|os.O_RDONLY, 0o600)
	if err != nil {
		return fmt.Errorf("ssh: known_hosts %s: %w", knownHostsFile, err)
	}
	f.Close()
	var seen xssh.PublicKey
	cfg := &xssh.ClientConfig{
		User:    "voxlan-hostkey-check",
		Timeout: timeout,
		HostKeyCallback: func(_ string, _ net.Addr, key xssh.PublicKey) error {
			seen = key
			return errProbeDone
		},
		// As OpenSSH does: ask for the key types known_hosts already
		// holds, so a switch offering several is not taken for changed.
		HostKeyAlgorithms: KnownHostKeyAlgorithms(knownHostsFile, addr),
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("ssh %s: %w: %v", addr, drivers.ErrSessionLost, err)
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	_, _, _, err = xssh.NewClientConn(conn, addr, cfg)
	conn.Close()
	if seen == nil {
		return fmt.Errorf("ssh %s: no host key received: %v", addr, err)
	}
	check, err := knownhosts.New(knownHostsFile)
	if err != nil {
		return fmt.Errorf("ssh: known_hosts %s: %w", knownHostsFile, err)
	}
	tcp, _ := net.ResolveTCPAddr("tcp", addr)
	err = check(addr, tcp, seen)
	var ke *knownhosts.KeyError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ke) && len(ke.Want) > 0:
		return fmt.Errorf("ssh %s: %w: the host key CHANGED (now %s, known_hosts %s has another); someone may be intercepting the session, or the switch was replaced: check with its owner, then remove the old line from %s",
			addr, drivers.ErrHostKey, xssh.FingerprintSHA256(seen), knownHostsFile, knownHostsFile)
	case errors.As(err, &ke):
		fp := xssh.FingerprintSHA256(seen)
		if !policy.AcceptNew && (policy.Ask == nil || !policy.Ask(addr, fp)) {
			return fmt.Errorf("ssh %s: %w: unknown host key %s; confirm it with the switch's owner and rerun with --accept-new-hostkey", addr, drivers.ErrHostKey, fp)
		}
		line := knownhosts.Line([]string{knownhosts.Normalize(addr)}, seen)
		kf, err := os.OpenFile(knownHostsFile, os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer kf.Close()
		_, err = kf.Write(append([]byte(line), '\n'))
		return err
	default:
		return fmt.Errorf("ssh %s: checking host key: %w", addr, err)
	}
}

// KnownHostKeyAlgorithms lists the SSH host key algorithms that can
// produce a key known_hosts holds for addr, in the file's order, nil when
// it holds none (then any algorithm is fine: the key is new). Offering only
// these is what OpenSSH does; otherwise a switch with an ed25519 and an
// ECDSA key may present the one known_hosts does not hold and look changed.
func KnownHostKeyAlgorithms(knownHostsFile, addr string) []string {
	check, err := knownhosts.New(knownHostsFile)
	if err != nil {
		return nil
	}
	// A key no switch has: the callback answers with every key it knows
	// for the host.
	probe, err := xssh.NewPublicKey(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public())
	if err != nil {
		return nil
	}
	tcp, _ := net.ResolveTCPAddr("tcp", addr)
	var ke *knownhosts.KeyError
	if err := check(addr, tcp, probe); !errors.As(err, &ke) {
		return nil
	}
	var algos []string
	add := func(a ...string) {
		for _, x := range a {
			if !slices.Contains(algos, x) {
				algos = append(algos, x)
			}
		}
	}
	for _, k := range ke.Want {
		switch t := k.Key.Type(); t {
		case xssh.KeyAlgoRSA:
			add(xssh.KeyAlgoRSASHA512, xssh.KeyAlgoRSASHA256, xssh.KeyAlgoRSA)
		default:
			add(t)
		}
	}
	return algos
}

// KnownHostsHas reports whether file holds a key for addr (for tests and
// status output).
func KnownHostsHas(file, addr string) bool {
	b, err := os.ReadFile(file)
	return err == nil && bytes.Contains(b, []byte(knownhosts.Normalize(addr)))
}
