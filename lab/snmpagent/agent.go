// Package snmpagent is an SNMP agent that serves .snmprec recordings on
// loopback UDP (or, when asked, TCP) ports: the simulated switches of `voxlan demo`, of the
// benchmarks and of tests that need many agents at once (snmpsim, the real
// peer, is one Python process and slow to start per port).
//
// It answers SNMPv1 and SNMPv2c Get, GetNext and GetBulk like a real agent:
// a request with the wrong community gets no answer at all, GetBulk answers
// are capped (64 varbinds, as snmpsim) and end with endOfMibView. Options add
// a per-packet delay (WAN latency) and a seeded, repeatable drop rate.
// SNMPv3 is answered for one USM user (Options.V3) at its security level,
// with engine discovery; see v3.go for what gosnmp provides and what is
// simplified.
//
// Packets are decoded and encoded by gosnmp (SnmpDecodePacket and
// SnmpPacket.MarshalMsg). gosnmp v1.47 has no agent, so the request
// dispatch below (lookup, GetNext/GetBulk walking, error statuses) is ours.
package snmpagent

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"time"

	"github.com/gosnmp/gosnmp"

	"github.com/voxlan/voxlan/lab/snmprec"
)

// Options apply to every endpoint of a ServeMany call.
type Options struct {
	// Delay is added to each packet in each direction, emulating a WAN
	// link: every answer leaves 2*Delay after its request arrived.
	Delay time.Duration
	// DropRate is the probability in [0, 1) that a request is lost. Draws
	// come from a generator seeded with Seed and the endpoint's index, so a
	// run with the same requests drops the same ones.
	DropRate float64
	Seed     uint64
	// MaxVarbinds caps the varbinds of one GetBulk answer; 0 means 64,
	// snmpsim's (pysnmp's) limit.
	MaxVarbinds int
	// V3, when set, is the SNMPv3 user every endpoint accepts (each
	// endpoint has its own engine ID). Without it v3 requests get no answer.
	V3 *V3User
	// OnRequest, when set, sees every request accepted (right community),
	// from the endpoint's reader goroutine: benchmarks learn from it which
	// subtrees a manager walked. It must not block.
	OnRequest func(Request)
	// Transport is "udp" (the default when empty) or "tcp": SNMP over TCP
	// as RFC 3430 maps it, each message its BER SEQUENCE on the stream
	// with no other framing (tcp.go). Go's UDP sockets fail under Wine 8
	// (golang/go#68614), TCP ones work: the Windows build's demo is tested
	// under Wine over TCP.
	Transport string
}

// Transports SNMP can be carried on, as Options.Transport names them.
const (
	TransportUDP = "udp"
	TransportTCP = "tcp"
)

// Request is what OnRequest sees of one request.
type Request struct {
	// Endpoint is the index of the endpoint in the ServeMany call.
	Endpoint int
	PDUType  gosnmp.PDUType
	// OIDs are the requested names, dotted with a leading dot.
	OIDs []string
	// NonRepeaters and MaxRepetitions are GetBulk's.
	NonRepeaters, MaxRepetitions int
}

// Endpoint is one simulated agent: a recording served on one UDP (or TCP)
// address.
type Endpoint struct {
	// Addr is where to listen, "127.0.0.1:0" for any free loopback port.
	Addr      string
	Recording *snmprec.Recording
	// Community is the v1/v2c community accepted; empty means the
	// recording's name, as snmpsim does.
	Community string
	// Overrides replace or add records for this endpoint only (a sysName
	// per simulated switch), so that many endpoints can share one
	// recording. They need not be sorted.
	Overrides []snmprec.Record
}

// String names the endpoint in errors: address and recording.
func (e Endpoint) String() string {
	name := "<no recording>"
	if e.Recording != nil {
		name = e.Recording.Name
	}
	return fmt.Sprintf("%s (%s)", e.Addr, name)
}

// Group is a set of running endpoints.
type Group struct {
	servers []*server
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	once    sync.Once
}

// Serve starts one endpoint; see ServeMany.
func Serve(ctx context.Context, ep Endpoint, opts Options) (*Group, error) {
	return ServeMany(ctx, []Endpoint{ep}, opts)
}

// ServeMany listens on every endpoint and answers until ctx is cancelled or
// Close is called. Endpoints that share a *snmprec.Recording share its
// encoded table. Each endpoint runs one reader goroutine, plus one for the
// delay line when Options.Delay is set.
func ServeMany(ctx context.Context, eps []Endpoint, opts Options) (*Group, error) {
	if opts.DropRate < 0 || opts.DropRate >= 1 {
		return nil, fmt.Errorf("snmpagent: drop rate %v outside [0, 1)", opts.DropRate)
	}
	if opts.Delay < 0 {
		return nil, fmt.Errorf("snmpagent: negative delay %v", opts.Delay)
	}
	switch opts.Transport {
	case "":
		opts.Transport = TransportUDP
	case TransportUDP, TransportTCP:
	default:
		return nil, fmt.Errorf("snmpagent: transport %q unknown; use udp or tcp", opts.Transport)
	}
	if opts.MaxVarbinds <= 0 {
		opts.MaxVarbinds = 64
	}
	tables := map[*snmprec.Recording]*table{}
	ctx, cancel := context.WithCancel(ctx)
	g := &Group{cancel: cancel}
	for i, ep := range eps {
		if ep.Recording == nil {
			g.Close()
			return nil, fmt.Errorf("snmpagent: endpoint %d %s has no recording", i, ep)
		}
		t := tables[ep.Recording]
		if t == nil {
			t = newTable(ep.Recording)
			tables[ep.Recording] = t
		}
		s := &server{index: i, table: t, overlay: newOverlay(ep.Overrides), opts: opts,
			rng: rand.New(rand.NewPCG(opts.Seed, uint64(i)))}
		if err := s.listen(ep.Addr); err != nil {
			g.Close()
			return nil, fmt.Errorf("snmpagent: endpoint %s: %w", ep, err)
		}
		community := ep.Community
		if community == "" {
			community = ep.Recording.Name
		}
		s.community = community
		usm, err := newUSMEngine(opts.V3, i)
		if err != nil {
			s.close()
			g.Close()
			return nil, err
		}
		s.usm = usm
		g.servers = append(g.servers, s)
		if s.listener != nil {
			g.wg.Go(func() { s.serveTCP(ctx) })
		} else {
			g.wg.Go(func() { s.run(ctx) })
		}
	}
	go func() {
		<-ctx.Done()
		g.closeConns()
	}()
	return g, nil
}

// listen opens the endpoint's socket on addr, for s.opts.Transport.
func (s *server) listen(addr string) error {
	network := s.opts.Transport
	if network == TransportTCP {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			return err
		}
		if !labAddress(a.IP) {
			return errOutsideLab
		}
		s.listener, err = net.ListenTCP("tcp", a)
		return err
	}
	a, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return err
	}
	if !labAddress(a.IP) {
		return errOutsideLab
	}
	s.conn, err = net.ListenUDP("udp", a)
	return err
}

var errOutsideLab = errors.New("refusing to listen outside loopback and the lab range 198.18.0.0/15")

// addr is the endpoint's listening address.
func (s *server) addr() string {
	if s.listener != nil {
		return s.listener.Addr().String()
	}
	return s.conn.LocalAddr().String()
}

// close closes the endpoint's socket and, over TCP, every open connection.
func (s *server) close() {
	if s.listener != nil {
		s.listener.Close()
		s.closeStreams()
		return
	}
	s.conn.Close()
}

// labAddress reports whether ip is loopback or in 198.18.0.0/15, the
// benchmarking range the lab's network namespaces use: a simulated switch
// must never answer on a real network.
func labAddress(ip net.IP) bool {
	if ip.IsLoopback() {
		return true
	}
	ip4 := ip.To4()
	return ip4 != nil && ip4[0] == 198 && ip4[1]&0xfe == 18
}

// Addrs returns the listening address of each endpoint, in order.
func (g *Group) Addrs() []string {
	out := make([]string, len(g.servers))
	for i, s := range g.servers {
		out[i] = s.addr()
	}
	return out
}

// Stats returns the requests answered and dropped, summed over endpoints.
func (g *Group) Stats() (answered, dropped uint64) {
	for _, s := range g.servers {
		s.mu.Lock()
		answered += s.answered
		dropped += s.dropped
		s.mu.Unlock()
	}
	return answered, dropped
}

// Close stops every endpoint and waits for its goroutines.
func (g *Group) Close() error {
	g.cancel()
	g.closeConns()
	g.wg.Wait()
	return nil
}

func (g *Group) closeConns() {
	g.once.Do(func() {
		for _, s := range g.servers {
			s.close()
		}
	})
}

type server struct {
	usm       *usmEngine // nil without Options.V3
	index     int
	conn      *net.UDPConn     // over UDP
	listener  *net.TCPListener // over TCP, with streams
	table     *table
	overlay   *table // nil without overrides
	community string
	opts      Options
	rng       *rand.Rand // used by the reader goroutine only (under serial over TCP)
	// serial makes the streams of a TCP endpoint take turns to draw from
	// rng and respond, so that OnRequest and the drop draws see one
	// request at a time, as over UDP.
	serial sync.Mutex

	mu       sync.Mutex
	answered uint64
	dropped  uint64
	streams  map[net.Conn]struct{} // open TCP connections, closed with the group
	closed   bool                  // the group closed: accept no more streams
}

// delayed is an answer waiting in the delay line.
type delayed struct {
	due  time.Time
	to   *net.UDPAddr
	data []byte
}

// delayQueue bounds the answers in flight per endpoint; beyond it answers
// are dropped, as a full router queue would.
const delayQueue = 4096

func (s *server) run(ctx context.Context) {
	var line chan delayed
	var wg sync.WaitGroup
	if s.opts.Delay > 0 {
		line = make(chan delayed, delayQueue)
		wg.Go(func() { s.delayLine(ctx, line) })
	}
	defer func() {
		if line != nil {
			close(line)
		}
		wg.Wait()
	}()
	buf := make([]byte, 65535)
	for {
		n, from, err := s.conn.ReadFromUDP(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) || ctx.Err() != nil {
				return
			}
			continue // a transient read error (ICMP feedback) must not stop the agent
		}
		arrived := time.Now()
		if s.opts.DropRate > 0 && s.rng.Float64() < s.opts.DropRate {
			s.count(false)
			continue
		}
		out := s.respond(buf[:n])
		if out == nil {
			continue
		}
		s.count(true)
		if line == nil {
			_, _ = s.conn.WriteToUDP(out, from)
			continue
		}
		select {
		case line <- delayed{due: arrived.Add(2 * s.opts.Delay), to: from, data: out}:
		default:
			s.count(false)
		}
	}
}

// delayLine sends answers when they are due. The delay is the same for
// every packet, so they come due in arrival order and one FIFO suffices.
func (s *server) delayLine(ctx context.Context, line <-chan delayed) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for d := range line {
		if wait := time.Until(d.due); wait > 0 {
			timer.Reset(wait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				return
			}
		}
		_, _ = s.conn.WriteToUDP(d.data, d.to)
	}
}

func (s *server) count(answered bool) {
	s.mu.Lock()
	if answered {
		s.answered++
	} else {
		s.dropped++
	}
	s.mu.Unlock()
}
