package capture

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// PermissionHint says how to get the right to capture on Windows: Npcap
// installed with "Restrict Npcap driver's access to Administrators only".
const PermissionHint = "capturing needs an administrator prompt (Npcap was installed for administrators only): right-click the terminal, Run as administrator"

// ErrNpcapMissing: wpcap.dll could not be loaded.
var ErrNpcapMissing = errors.New(`capture: Npcap is not installed: install it from https://npcap.com (tick "Install Npcap in WinPcap API-compatible Mode"), then run voxlan again`)

// TagsHidden says why tags are not seen on Windows: most NIC drivers
// remove 802.1Q tags before Npcap sees a frame (and drop frames for VLANs
// the host has not joined), so a switch's tagged voice VLAN frames are
// usually not heard. LLDP-MED's network policy still names the voice VLAN,
// untagged.
const TagsHidden = "Windows network drivers remove 802.1Q tags before Npcap sees a frame"

// readPoll bounds how long one libpcap read blocks, so a cancelled ctx is
// noticed within it.
const readPoll = 100 * time.Millisecond

// Open opens ifname ("Ethernet 2", as Settings and ipconfig name it; or the
// Npcap device \Device\NPF_{GUID}) through Npcap's wpcap.dll, loaded at
// run time without cgo.
func Open(ifname string, etherTypes ...uint16) (Port, error) {
	lib, err := loadWpcap()
	if err != nil {
		return nil, err
	}
	ad, err := findAdapter(ifname)
	if err != nil {
		return nil, err
	}
	h, err := lib.openPcap(ad.Device, 1<<16, int(readPoll/time.Millisecond))
	if err != nil {
		return nil, openError(ad, err)
	}
	if len(etherTypes) > 0 {
		if err := h.setFilter(etherTypeProgram(etherTypes)); err != nil {
			h.close()
			return nil, fmt.Errorf("capture: filter on %s: %w", ad.Name, err)
		}
	}
	// Not every Npcap version can leave out sent frames; ReadFrame also
	// skips frames from this adapter's own address.
	h.inboundOnly()
	return &npcapPort{h: h, ad: ad, etherTypes: append([]uint16(nil), etherTypes...)}, nil
}

// openError tells a refusal from other failures: Npcap says "Access is
// denied" (or "failed to open" with error 5) when restricted to
// administrators.
func openError(ad adapter, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "denied") || strings.Contains(msg, "error 5") || strings.Contains(msg, "Error code 5") {
		return fmt.Errorf("%w: opening %s: %v", ErrPermission, ad.Name, err)
	}
	return fmt.Errorf("capture: opening %s (%s): %w", ad.Name, ad.Device, err)
}

type npcapPort struct {
	h          *pcapHandle
	ad         adapter
	etherTypes []uint16
	// life is held (read-locked) by each read and write, so that Close,
	// which takes it, never frees the pcap_t under a call; readMu makes
	// reads one at a time. Reads and writes may overlap, as libpcap allows.
	life   sync.RWMutex
	readMu sync.Mutex
}

func (p *npcapPort) HardwareAddr() net.HardwareAddr { return p.ad.MAC }

func (p *npcapPort) Close() error {
	p.life.Lock()
	defer p.life.Unlock()
	if p.h != nil {
		p.h.close()
		p.h = nil
	}
	return nil
}

// ReadFrame waits for the next matching frame until ctx ends, polling
// libpcap every readPoll.
func (p *npcapPort) ReadFrame(ctx context.Context) (Frame, error) {
	p.readMu.Lock()
	defer p.readMu.Unlock()
	p.life.RLock()
	defer p.life.RUnlock()
	for {
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		if p.h == nil {
			return Frame{}, fmt.Errorf("capture: read %s: %w", p.ad.Name, net.ErrClosed)
		}
		hdr, data, ok, err := p.h.next()
		if err != nil {
			return Frame{}, fmt.Errorf("capture: read %s: %w", p.ad.Name, err)
		}
		if !ok {
			continue // readPoll passed with nothing captured
		}
		at, _, wireLen := npcapHeader(hdr)
		if len(data) >= 12 && net.HardwareAddr(data[6:12]).String() == p.ad.MAC.String() {
			continue // our own frame, looped back by Npcap
		}
		f := capturedFrame(data, wireLen, at)
		if matches(p.etherTypes, f.Data) {
			return f, nil
		}
	}
}

// WriteFrame sends frame as-is.
func (p *npcapPort) WriteFrame(frame []byte) error {
	if len(frame) < 14 {
		return fmt.Errorf("capture: write %s: frame of %d bytes is shorter than an Ethernet header", p.ad.Name, len(frame))
	}
	p.life.RLock()
	defer p.life.RUnlock()
	if p.h == nil {
		return fmt.Errorf("capture: write %s: %w", p.ad.Name, net.ErrClosed)
	}
	if err := p.h.send(frame); err != nil {
		return fmt.Errorf("capture: write %s: %w", p.ad.Name, err)
	}
	return nil
}
