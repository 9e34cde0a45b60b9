package snmp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/gosnmp/gosnmp"
)

// ErrUnreachable is wrapped by the error of a switch that never answered.
var ErrUnreachable = errors.New("snmp: no answer")

// splitAddress parses host[:port] (IPv6 as [addr]:port or bare) with the
// SNMP port as default.
func splitAddress(addr string) (host string, port uint16, err error) {
	if addr == "" {
		return "", 0, errors.New("empty address")
	}
	h, p, splitErr := net.SplitHostPort(addr)
	if splitErr != nil {
		// No port: a name, an IPv4 address or a bare IPv6 address.
		return strings.Trim(addr, "[]"), 161, nil
	}
	n, err := strconv.ParseUint(p, 10, 16)
	if err != nil || n == 0 {
		return "", 0, fmt.Errorf("bad port %q in %q", p, addr)
	}
	if h == "" {
		return "", 0, fmt.Errorf("no host in %q", addr)
	}
	return h, uint16(n), nil
}

// ValidateTarget checks an address and credentials without sending anything,
// so a command can refuse bad input before it starts.
func ValidateTarget(t Target, defaults Credentials) error {
	if _, _, err := splitAddress(t.Address); err != nil {
		return fmt.Errorf("snmp: target %q: %v", t.Address, err)
	}
	c := defaults
	if t.Credentials != nil {
		c = *t.Credentials
	}
	_, err := c.params()
	if err != nil {
		return fmt.Errorf("snmp: target %q: %v", t.Address, err)
	}
	return nil
}

// usmParams are the v3 user settings; a fresh gosnmp.UsmSecurityParameters
// is made from them per session (it carries per-session engine state).
type usmParams struct {
	user      string
	authProto gosnmp.SnmpV3AuthProtocol
	authPass  string
	privProto gosnmp.SnmpV3PrivProtocol
	privPass  string
}

type sessionParams struct {
	version   gosnmp.SnmpVersion
	community string
	v3        *usmParams
	msgFlags  gosnmp.SnmpV3MsgFlags
	context   string
}

var authProtocols = map[string]gosnmp.SnmpV3AuthProtocol{
	"MD5": gosnmp.MD5, "SHA": gosnmp.SHA, "SHA1": gosnmp.SHA, "SHA224": gosnmp.SHA224,
	"SHA256": gosnmp.SHA256, "SHA384": gosnmp.SHA384, "SHA512": gosnmp.SHA512,
}

var privProtocols = map[string]gosnmp.SnmpV3PrivProtocol{
	"DES": gosnmp.DES, "AES": gosnmp.AES, "AES128": gosnmp.AES, "AES192": gosnmp.AES192,
	"AES256": gosnmp.AES256, "AES192C": gosnmp.AES192C, "AES256C": gosnmp.AES256C,
}

// params checks the credentials and turns them into gosnmp settings. Its
// errors never quote a community or a password.
func (c Credentials) params() (sessionParams, error) {
	switch c.Version {
	case "", "2c", "2", "v2c":
		comm := c.Community
		if comm == "" {
			comm = DefaultCommunity
		}
		return sessionParams{version: gosnmp.Version2c, community: comm}, nil
	case "3", "v3":
	default:
		return sessionParams{}, fmt.Errorf("SNMP version %q not supported; use 2c or 3", c.Version)
	}
	if c.User == "" {
		return sessionParams{}, errors.New("SNMPv3 needs a user name")
	}
	usm := &usmParams{user: c.User, authProto: gosnmp.NoAuth, privProto: gosnmp.NoPriv}
	flags := gosnmp.NoAuthNoPriv
	if c.AuthProto != "" {
		p, ok := authProtocols[strings.ToUpper(c.AuthProto)]
		if !ok {
			return sessionParams{}, fmt.Errorf("auth protocol %q unknown; use MD5, SHA, SHA224, SHA256, SHA384 or SHA512", c.AuthProto)
		}
		if len(c.AuthPass) < 8 {
			return sessionParams{}, errors.New("SNMPv3 auth passphrase missing or shorter than 8 characters")
		}
		usm.authProto, usm.authPass = p, c.AuthPass
		flags = gosnmp.AuthNoPriv
	}
	if c.PrivProto != "" {
		if c.AuthProto == "" {
			return sessionParams{}, errors.New("SNMPv3 privacy needs an auth protocol too")
		}
		p, ok := privProtocols[strings.ToUpper(c.PrivProto)]
		if !ok {
			return sessionParams{}, fmt.Errorf("priv protocol %q unknown; use DES, AES, AES192, AES256, AES192C or AES256C", c.PrivProto)
		}
		if len(c.PrivPass) < 8 {
			return sessionParams{}, errors.New("SNMPv3 priv passphrase missing or shorter than 8 characters")
		}
		usm.privProto, usm.privPass = p, c.PrivPass
		flags = gosnmp.AuthPriv
	}
	return sessionParams{version: gosnmp.Version3, v3: usm, msgFlags: flags, context: c.Context}, nil
}

// dial opens one session over transport (udp, or tcp: one connection per
// session, gosnmp frames each message by its BER length as RFC 3430 says). Each session carries one request at a time, so
// the walks of a switch run on several sessions. hangUp closes it; ending
// ctx closes it too, so a request waiting for its timeout (gosnmp only looks
// at ctx between retries) ends at once on ctrl+c.
func dial(ctx context.Context, transport, host string, port uint16, p sessionParams, timeout time.Duration, retries int) (g *gosnmp.GoSNMP, hangUp func(), err error) {
	g = &gosnmp.GoSNMP{
		Target:    host,
		Port:      port,
		Transport: transport,
		Community: p.community,
		Version:   p.version,
		Context:   ctx,
		Timeout:   timeout,
		Retries:   retries,
		MaxOids:   gosnmp.MaxOids,
	}
	if err := ValidateTransport(transport); err != nil {
		return nil, nil, err
	}
	if p.v3 != nil {
		g.SecurityModel = gosnmp.UserSecurityModel
		g.MsgFlags = p.msgFlags
		g.SecurityParameters = &gosnmp.UsmSecurityParameters{
			UserName:                 p.v3.user,
			AuthenticationProtocol:   p.v3.authProto,
			AuthenticationPassphrase: p.v3.authPass,
			PrivacyProtocol:          p.v3.privProto,
			PrivacyPassphrase:        p.v3.privPass,
		}
		g.ContextName = p.context
	}
	if err := g.Connect(); err != nil {
		return nil, nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = g.Conn.Close() })
	return g, func() {
		stop()
		_ = g.Conn.Close()
	}, nil
}

// isTimeout tells a request that got no answer from other failures.
func isTimeout(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, gosnmp.ErrMaxRetriesExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return strings.Contains(err.Error(), "timeout")
}

// unreachableMessage is what the user reads when a switch never answered.
// A wrong community (or an unknown v3 user, on many agents) looks the same
// on the wire: agents stay silent, so the hint names it too.
func unreachableMessage(tries int, v3 bool) string {
	plural := "tries"
	if tries == 1 {
		plural = "try"
	}
	if v3 {
		return fmt.Sprintf("timeout after %d %s; check address, ACL, SNMPv3 user and context", tries, plural)
	}
	return fmt.Sprintf("timeout after %d %s; check address, ACL, community, or try --snmp-version 3", tries, plural)
}

// v3Message turns gosnmp's SNMPv3 failures into what to check; "" when err
// is none of them.
func v3Message(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, gosnmp.ErrWrongDigest) || strings.Contains(msg, "not authentic"):
		return "SNMPv3 authentication failed: check the auth protocol and passphrase (VOXLAN_SNMP_AUTH_PASS)"
	case errors.Is(err, gosnmp.ErrUnknownUsername):
		return "SNMPv3 user unknown to the agent: check --user"
	case errors.Is(err, gosnmp.ErrDecryption) || strings.Contains(msg, "decrypting"):
		return "SNMPv3 decryption failed: check the priv protocol and passphrase (VOXLAN_SNMP_PRIV_PASS)"
	case errors.Is(err, gosnmp.ErrUnknownSecurityLevel):
		return "SNMPv3 security level refused by the agent: check --auth-proto and --priv-proto"
	case errors.Is(err, gosnmp.ErrNotInTimeWindow):
		return "SNMPv3 message outside the agent's time window: retry; check the agent's clock"
	}
	return ""
}

// cleanError strips what gosnmp may echo back from the request so that no
// secret reaches a snapshot.
func cleanError(err error, c Credentials) string {
	msg := err.Error()
	for _, s := range []string{c.Community, c.AuthPass, c.PrivPass} {
		if len(s) >= 3 {
			msg = strings.ReplaceAll(msg, s, "***")
		}
	}
	return msg
}
