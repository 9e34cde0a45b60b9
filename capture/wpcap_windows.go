package capture

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// wpcap is Npcap's wpcap.dll, loaded at run time (no cgo). voxlan loads it
// itself rather than through gopacket's pcap package, whose init panics
// when a wpcap.dll lacks one of its functions (old WinPcap, Wine's stub):
// here a DLL that is not Npcap is a clear error, and only `here`, `probe`
// and the UI's Here screen ever load it.
type wpcap struct {
	version                                                  string
	create, setSnaplen, setPromisc, setTimeout, setImmediate *windows.Proc
	activate, geterr, nextEx, sendPacket, setFilter, closeH  *windows.Proc
	setDirection                                             *windows.Proc // optional
}

var (
	wpcapOnce sync.Once
	wpcapLib  *wpcap
	wpcapErr  error
)

// loadWpcap loads Npcap: System32\Npcap\wpcap.dll, where Npcap installs
// it, else System32\wpcap.dll (Npcap's WinPcap API-compatible mode), which
// must then say it is Npcap.
func loadWpcap() (*wpcap, error) {
	wpcapOnce.Do(func() { wpcapLib, wpcapErr = openWpcap() })
	return wpcapLib, wpcapErr
}

func openWpcap() (*wpcap, error) {
	sys, err := windows.GetSystemDirectory()
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNpcapMissing, err)
	}
	dll, err := windows.LoadDLL(sys + `\Npcap\wpcap.dll`)
	if err != nil {
		if dll, err = windows.LoadDLL(sys + `\wpcap.dll`); err != nil {
			return nil, ErrNpcapMissing
		}
	}
	w := &wpcap{}
	var missing []string
	find := func(name string) *windows.Proc {
		p, err := dll.FindProc(name)
		if err != nil {
			missing = append(missing, name)
		}
		return p
	}
	libVersion := find("pcap_lib_version")
	w.create, w.setSnaplen, w.setPromisc = find("pcap_create"), find("pcap_set_snaplen"), find("pcap_set_promisc")
	w.setTimeout, w.setImmediate, w.activate = find("pcap_set_timeout"), find("pcap_set_immediate_mode"), find("pcap_activate")
	w.geterr, w.nextEx, w.sendPacket = find("pcap_geterr"), find("pcap_next_ex"), find("pcap_sendpacket")
	w.setFilter, w.closeH = find("pcap_setfilter"), find("pcap_close")
	w.setDirection, _ = dll.FindProc("pcap_setdirection")
	if libVersion != nil {
		r, _, _ := libVersion.Call()
		w.version = cString(r)
	}
	if len(missing) > 0 || !strings.Contains(w.version, "Npcap") {
		dll.Release()
		found := w.version
		if found == "" {
			found = "no version"
		}
		return nil, fmt.Errorf("%w (the wpcap.dll found is not Npcap: %s)", ErrNpcapMissing, found)
	}
	return w, nil
}

// cString reads a NUL-terminated string the DLL returned.
func cString(p uintptr) string {
	if p == 0 {
		return ""
	}
	return windows.BytePtrToString(*(**byte)(unsafe.Pointer(&p)))
}

// errbufSize is PCAP_ERRBUF_SIZE.
const errbufSize = 256

// pcapHandle is an activated pcap_t.
type pcapHandle struct {
	lib *wpcap
	p   uintptr
}

// openPcap creates, sets up and activates a handle on device.
func (w *wpcap) openPcap(device string, snaplen, timeoutMs int) (*pcapHandle, error) {
	dev, err := windows.BytePtrFromString(device)
	if err != nil {
		return nil, err
	}
	errbuf := make([]byte, errbufSize)
	p, _, _ := w.create.Call(uintptr(unsafe.Pointer(dev)), uintptr(unsafe.Pointer(&errbuf[0])))
	if p == 0 {
		return nil, errors.New(windows.ByteSliceToString(errbuf))
	}
	h := &pcapHandle{lib: w, p: p}
	for _, set := range []struct {
		proc *windows.Proc
		v    int
	}{{w.setSnaplen, snaplen}, {w.setPromisc, 1}, {w.setTimeout, timeoutMs}, {w.setImmediate, 1}} {
		set.proc.Call(p, uintptr(set.v))
	}
	if r, _, _ := w.activate.Call(p); int32(r) < 0 {
		err := h.lastError()
		h.close()
		return nil, err
	}
	return h, nil
}

func (h *pcapHandle) lastError() error {
	r, _, _ := h.lib.geterr.Call(h.p)
	return errors.New(cString(r))
}

// setFilter attaches a classic BPF program (struct bpf_program).
func (h *pcapHandle) setFilter(prog []bpfInsn) error {
	fp := struct {
		len   uint32
		insns *bpfInsn
	}{uint32(len(prog)), &prog[0]}
	if r, _, _ := h.lib.setFilter.Call(h.p, uintptr(unsafe.Pointer(&fp))); int32(r) != 0 {
		return h.lastError()
	}
	return nil
}

// inboundOnly asks Npcap not to return the frames this host sends, where
// the DLL can.
func (h *pcapHandle) inboundOnly() {
	if h.lib.setDirection != nil {
		h.lib.setDirection.Call(h.p, 1) // PCAP_D_IN
	}
}

// next returns the next packet (header and a copy of its bytes), or
// ok=false when the read timeout passed first.
func (h *pcapHandle) next() (hdr []byte, data []byte, ok bool, err error) {
	var (
		hp *[pcapPkthdrLen]byte
		dp *byte
	)
	r, _, _ := h.lib.nextEx.Call(h.p, uintptr(unsafe.Pointer(&hp)), uintptr(unsafe.Pointer(&dp)))
	switch int32(r) {
	case 1:
		hdr = append([]byte(nil), hp[:]...)
		_, caplen, _ := npcapHeader(hdr)
		if caplen > 0 && dp != nil {
			data = append([]byte(nil), unsafe.Slice(dp, caplen)...)
		}
		return hdr, data, true, nil
	case 0:
		return nil, nil, false, nil
	}
	return nil, nil, false, h.lastError()
}

func (h *pcapHandle) send(frame []byte) error {
	if r, _, _ := h.lib.sendPacket.Call(h.p, uintptr(unsafe.Pointer(&frame[0])), uintptr(len(frame))); int32(r) != 0 {
		return h.lastError()
	}
	return nil
}

func (h *pcapHandle) close() { h.lib.closeH.Call(h.p) }
