package capture

// bpfInsn is one classic BPF instruction, the form Linux's SO_ATTACH_FILTER
// and the BSD/macOS BIOCSETF both take.
type bpfInsn struct {
	Code   uint16
	Jt, Jf uint8
	K      uint32
}

// etherTypeProgram compiles the EtherType list into classic BPF:
//
//	ldh [12]; jeq #t1 accept; ...; [jge #0x600 next else accept]; ret #0; accept: ret #0x40000
//
// Inline tag TPIDs are accepted too; the Go filter then looks past them.
func etherTypeProgram(etherTypes []uint16) []bpfInsn {
	const (
		ldhAbs = 0x28 // BPF_LD|BPF_H|BPF_ABS
		jeqK   = 0x15 // BPF_JMP|BPF_JEQ|BPF_K
		jgeK   = 0x35 // BPF_JMP|BPF_JGE|BPF_K
		retK   = 0x06 // BPF_RET|BPF_K
	)
	types := append([]uint16{0x8100, 0x88a8}, etherTypes...)
	want802_2 := false
	var jumps []uint16
	for _, t := range types {
		if t == EtherType802_2 {
			want802_2 = true
			continue
		}
		jumps = append(jumps, t)
	}
	n := len(jumps)
	if want802_2 {
		n++
	}
	insns := []bpfInsn{{Code: ldhAbs, K: 12}}
	for i, t := range jumps {
		// accept is at index n+2 (after ld, n tests, reject); this test is
		// at index i+1, so the jump is n+2-(i+1)-1.
		insns = append(insns, bpfInsn{Code: jeqK, Jt: uint8(n - i), K: uint32(t)})
	}
	if want802_2 {
		insns = append(insns, bpfInsn{Code: jgeK, Jt: 0, Jf: 1, K: 0x0600})
	}
	return append(insns, bpfInsn{Code: retK, K: 0}, bpfInsn{Code: retK, K: 0x40000})
}
