package probe

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"

	"golang.org/x/net/dns/dnsmessage"

	"github.com/voxlan/voxlan/snapshot"
)

// DefaultDNSTimeout bounds one query.
const DefaultDNSTimeout = 2 * time.Second

// Resolve asks server (port 53) for name's A records with one UDP query and
// times the answer. It asks that server only, not the host's resolver, so
// the figure belongs to the server DHCP handed out.
func Resolve(ctx context.Context, server netip.Addr, name string, timeout time.Duration) snapshot.DNSLookup {
	res := snapshot.DNSLookup{Server: server.String(), Name: name}
	if timeout <= 0 {
		timeout = DefaultDNSTimeout
	}
	fqdn := name
	if !strings.HasSuffix(fqdn, ".") {
		fqdn += "."
	}
	qname, err := dnsmessage.NewName(fqdn)
	if err != nil {
		res.Error = fmt.Sprintf("bad name: %v", err)
		return res
	}
	var idb [2]byte
	_, _ = rand.Read(idb[:])
	id := binary.BigEndian.Uint16(idb[:])
	query, err := (&dnsmessage.Message{
		Header:    dnsmessage.Header{ID: id, RecursionDesired: true},
		Questions: []dnsmessage.Question{{Name: qname, Type: dnsmessage.TypeA, Class: dnsmessage.ClassINET}},
	}).Pack()
	if err != nil {
		res.Error = err.Error()
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "udp", netip.AddrPortFrom(server, 53).String())
	if err != nil {
		res.Error = shortNetError(err)
		return res
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	start := time.Now()
	if _, err := conn.Write(query); err != nil {
		res.Error = shortNetError(err)
		return res
	}
	buf := make([]byte, 1500)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			res.Ms = ms(time.Since(start))
			if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
				res.Error = fmt.Sprintf("no answer within %s", timeout)
			} else {
				res.Error = shortNetError(err)
			}
			return res
		}
		var p dnsmessage.Parser
		h, err := p.Start(buf[:n])
		if err != nil || h.ID != id || !h.Response {
			continue // stray or malformed datagram: keep waiting for ours
		}
		res.Ms = ms(time.Since(start))
		res.Rcode = rcodeName(h.RCode)
		if err := p.SkipAllQuestions(); err != nil {
			res.Error = "malformed answer: " + err.Error()
			return res
		}
		for {
			rh, err := p.AnswerHeader()
			if err != nil {
				break // ErrSectionDone or a malformed record: keep what we have
			}
			if rh.Type != dnsmessage.TypeA {
				if err := p.SkipAnswer(); err != nil {
					break
				}
				continue
			}
			a, err := p.AResource()
			if err != nil {
				break
			}
			res.Addresses = append(res.Addresses, netip.AddrFrom4(a.A).String())
		}
		res.OK = h.RCode == dnsmessage.RCodeSuccess && len(res.Addresses) > 0
		if !res.OK && res.Error == "" {
			if h.RCode == dnsmessage.RCodeSuccess {
				res.Error = "no A record"
			} else {
				res.Error = res.Rcode
			}
		}
		return res
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// shortNetError drops Go's "dial udp 1.2.3.4:53:" prefix chain down to the
// cause ("connect: network is unreachable").
func shortNetError(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err.Error()
	}
	return err.Error()
}

// rcodeName spells a response code the way dig does.
func rcodeName(c dnsmessage.RCode) string {
	switch c {
	case dnsmessage.RCodeSuccess:
		return "NOERROR"
	case dnsmessage.RCodeFormatError:
		return "FORMERR"
	case dnsmessage.RCodeServerFailure:
		return "SERVFAIL"
	case dnsmessage.RCodeNameError:
		return "NXDOMAIN"
	case dnsmessage.RCodeNotImplemented:
		return "NOTIMP"
	case dnsmessage.RCodeRefused:
		return "REFUSED"
	}
	return fmt.Sprintf("RCODE%d", c)
}
