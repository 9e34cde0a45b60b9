//go:build linux

// Package impair is a userspace stand-in for netem (this project's CI kernel
// has no sch_netem): an L2 "cable" between two interfaces of one network
// namespace that delays, jitters and drops frames, each direction with its
// own settings. It is the Go port of lab.md's impair.py: AF_PACKET on both
// ends, a timer heap, uniform jitter as netem's default, 802.1Q tags put
// back inline from PACKET_AUXDATA.
//
// Turn checksum and segmentation offload off on the endpoint veths (ethtool
// -K X tx off tso off gso off): frames read from AF_PACKET otherwise carry
// partial checksums or are GSO super-frames. The relay drops ARP like any
// other frame, as a bad cable would; tests that want exact loss figures pin
// static neighbour entries.
package impair

import (
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"runtime"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Shape is what one direction does to frames.
type Shape struct {
	// Delay is added to every frame.
	Delay time.Duration
	// Jitter spreads the delay uniformly over [Delay-Jitter, Delay+Jitter]
	// (clamped at zero), like `netem delay D J`.
	Jitter time.Duration
	// LossPercent drops this share of frames at random (0..100).
	LossPercent float64
}

// Config joins interface A and B of the current namespace.
type Config struct {
	A, B string
	// AtoB shapes frames entering on A and leaving on B; BtoA the reverse.
	AtoB, BtoA Shape
	// Seed makes the random draws repeatable.
	Seed uint64
}

// Stats counts frames per direction.
type Stats struct {
	Forwarded, Dropped uint64
}

// Relay is a running impairment. Close stops it.
type Relay struct {
	a, b   *end
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	queue   frameHeap
	seq     uint64
	wake    chan struct{}
	rng     *rand.Rand
	atob    Shape
	btoa    Shape
	statsAB Stats
	statsBA Stats
	err     error
}

type end struct {
	name string
	file *os.File
	conn syscall.RawConn
}

// Start opens both ends in the calling thread's namespace (see
// vlantap.InNetns) and relays until ctx ends or Close.
func Start(ctx context.Context, cfg Config) (*Relay, error) {
	for _, s := range []Shape{cfg.AtoB, cfg.BtoA} {
		if s.Delay < 0 || s.Jitter < 0 || s.LossPercent < 0 || s.LossPercent > 100 {
			return nil, fmt.Errorf("impair: bad shape %+v", s)
		}
	}
	a, err := openEnd(cfg.A)
	if err != nil {
		return nil, err
	}
	b, err := openEnd(cfg.B)
	if err != nil {
		a.file.Close()
		return nil, err
	}
	r := &Relay{
		a: a, b: b, atob: cfg.AtoB, btoa: cfg.BtoA,
		wake: make(chan struct{}, 1),
		rng:  rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15)),
	}
	ctx, r.cancel = context.WithCancel(ctx)
	r.wg.Add(3)
	go r.read(ctx, a, b, &r.atob, &r.statsAB)
	go r.read(ctx, b, a, &r.btoa, &r.statsBA)
	go r.send(ctx)
	context.AfterFunc(ctx, func() { a.file.Close(); b.file.Close() })
	return r, nil
}

func openEnd(name string) (*end, error) {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		return nil, fmt.Errorf("impair: interface %q: %w", name, err)
	}
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, int(htons(unix.ETH_P_ALL)))
	if err != nil {
		return nil, fmt.Errorf("impair: AF_PACKET socket (needs root): %w", err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_AUXDATA, 1); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("impair: PACKET_AUXDATA: %w", err)
	}
	// The kernel's receive time: a frame's delay counts from when it
	// arrived, not from when a busy machine got round to reading it.
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("impair: SO_TIMESTAMPNS: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("impair: bind %s: %w", name, err)
	}
	f := os.NewFile(uintptr(fd), "packet:"+name)
	conn, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &end{name: name, file: f, conn: conn}, nil
}

type pending struct {
	due   time.Time
	seq   uint64 // keeps equal due times in arrival order
	out   *end
	frame []byte
}

type frameHeap []pending

func (h frameHeap) Len() int { return len(h) }
func (h frameHeap) Less(i, j int) bool {
	if h[i].due.Equal(h[j].due) {
		return h[i].seq < h[j].seq
	}
	return h[i].due.Before(h[j].due)
}
func (h frameHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *frameHeap) Push(x any)   { *h = append(*h, x.(pending)) }
func (h *frameHeap) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}

func (r *Relay) read(ctx context.Context, in, out *end, shape *Shape, stats *Stats) {
	defer r.wg.Done()
	buf := make([]byte, 1<<16)
	oob := make([]byte, unix.CmsgSpace(20)+unix.CmsgSpace(16))
	for ctx.Err() == nil {
		var n, oobn int
		var from unix.Sockaddr
		var rerr error
		err := in.conn.Read(func(fd uintptr) bool {
			n, oobn, _, from, rerr = unix.Recvmsg(int(fd), buf, oob, 0)
			return rerr != unix.EAGAIN
		})
		if err != nil || rerr != nil {
			if ctx.Err() == nil {
				r.fail(fmt.Errorf("read %s: %w", in.name, errors.Join(err, rerr)))
			}
			return
		}
		if sll, ok := from.(*unix.SockaddrLinklayer); ok && sll.Pkttype == unix.PACKET_OUTGOING {
			continue // our own sends on this end
		}
		frame, now := retag(buf[:n], oob[:oobn])
		r.mu.Lock()
		if shape.LossPercent > 0 && r.rng.Float64()*100 < shape.LossPercent {
			stats.Dropped++
			r.mu.Unlock()
			continue
		}
		d := shape.Delay
		if shape.Jitter > 0 {
			d += time.Duration((r.rng.Float64()*2 - 1) * float64(shape.Jitter))
		}
		d = max(d, 0)
		stats.Forwarded++
		r.seq++
		heap.Push(&r.queue, pending{due: now.Add(d), seq: r.seq, out: out, frame: frame})
		r.mu.Unlock()
		select {
		case r.wake <- struct{}{}:
		default:
		}
	}
}

// retag copies frame, putting back an 802.1Q tag the kernel moved into
// PACKET_AUXDATA, and returns the kernel's receive time (now without one).
func retag(frame, oob []byte) ([]byte, time.Time) {
	rx := time.Now()
	msgs, _ := unix.ParseSocketControlMessage(oob)
	var out []byte
	for _, m := range msgs {
		if m.Header.Level == unix.SOL_SOCKET && m.Header.Type == unix.SCM_TIMESTAMPNS && len(m.Data) >= 16 {
			rx = time.Unix(int64(binary.NativeEndian.Uint64(m.Data[0:])), int64(binary.NativeEndian.Uint64(m.Data[8:])))
			continue
		}
		if m.Header.Level != unix.SOL_PACKET || m.Header.Type != unix.PACKET_AUXDATA || len(m.Data) < 20 {
			continue
		}
		status := binary.NativeEndian.Uint32(m.Data[0:])
		if status&unix.TP_STATUS_VLAN_VALID == 0 || len(frame) < 12 {
			continue
		}
		tpid := uint16(0x8100)
		if status&unix.TP_STATUS_VLAN_TPID_VALID != 0 {
			tpid = binary.NativeEndian.Uint16(m.Data[18:])
		}
		out = make([]byte, 0, len(frame)+4)
		out = append(out, frame[:12]...)
		out = binary.BigEndian.AppendUint16(out, tpid)
		out = binary.BigEndian.AppendUint16(out, binary.NativeEndian.Uint16(m.Data[16:]))
		out = append(out, frame[12:]...)
	}
	if out == nil {
		out = append([]byte(nil), frame...)
	}
	return out, rx
}

// send releases frames when due. It runs on its own OS thread, raised to
// real-time priority when allowed (root), and sleeps in the kernel between
// frames, so a loaded machine does not stretch the delays set. Every pass
// sleeps or blocks: the thread can never spin.
func (r *Relay) send(ctx context.Context) {
	defer r.wg.Done()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	realtime := unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_FIFO, Priority: 10}, 0) == nil
	if realtime {
		defer unix.SchedSetAttr(0, &unix.SchedAttr{Policy: unix.SCHED_NORMAL}, 0)
	}
	const maxNap = 2 * time.Millisecond // how late a frame arriving mid-nap can be
	for ctx.Err() == nil {
		r.mu.Lock()
		var due []pending
		now := time.Now()
		for r.queue.Len() > 0 && !r.queue[0].due.After(now) {
			due = append(due, heap.Pop(&r.queue).(pending))
		}
		next := time.Duration(-1)
		if r.queue.Len() > 0 {
			next = r.queue[0].due.Sub(now)
		}
		r.mu.Unlock()
		for _, p := range due {
			// A send error (frame larger than the MTU) drops that frame only.
			_ = p.out.conn.Write(func(fd uintptr) bool {
				return unix.Send(int(fd), p.frame, unix.MSG_DONTWAIT) != unix.EAGAIN
			})
		}
		if next < 0 { // nothing queued: wait for a frame
			select {
			case <-ctx.Done():
				return
			case <-r.wake:
			}
			continue
		}
		nap := min(max(next, 20*time.Microsecond), maxNap)
		ts := unix.NsecToTimespec(nap.Nanoseconds())
		_ = unix.Nanosleep(&ts, nil)
	}
}

func (r *Relay) fail(err error) {
	r.mu.Lock()
	if r.err == nil {
		r.err = fmt.Errorf("impair: %w", err)
	}
	r.mu.Unlock()
}

// Stats returns the frames forwarded and dropped so far, A->B and B->A.
func (r *Relay) Stats() (atob, btoa Stats) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.statsAB, r.statsBA
}

// SetShapes changes both directions' shapes on the fly (frames already
// queued keep their due time).
func (r *Relay) SetShapes(atob, btoa Shape) {
	r.mu.Lock()
	r.atob, r.btoa = atob, btoa
	r.mu.Unlock()
}

// Close stops the relay and returns the first read error, if any. Frames
// still queued are dropped.
func (r *Relay) Close() error {
	r.cancel()
	r.a.file.Close()
	r.b.file.Close()
	r.wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }
