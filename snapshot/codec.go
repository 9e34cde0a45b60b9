package snapshot

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrSchema is returned (wrapped) when a document is not a snapshot this
// version of voxlan reads.
var ErrSchema = errors.New("snapshot: unsupported schema")

// New returns an empty snapshot with the schema set.
func New(site string) *Snapshot {
	return &Snapshot{Schema: Schema, Site: site, Switches: []Switch{}, Errors: []Error{}}
}

// Normalize sets the lists that the JSON always carries to empty instead of
// nil, so that readers never meet "null" where the contract promises an array.
func (s *Snapshot) Normalize() {
	if s.Schema == "" {
		s.Schema = Schema
	}
	if s.Switches == nil {
		s.Switches = []Switch{}
	}
	if s.Errors == nil {
		s.Errors = []Error{}
	}
	for i := range s.Switches {
		sw := &s.Switches[i]
		if sw.VLANs == nil {
			sw.VLANs = []VLAN{}
		}
		if sw.PoE.PSEs == nil {
			sw.PoE.PSEs = []PSE{}
		}
		if sw.Ports == nil {
			sw.Ports = []Port{}
		}
		if sw.Errors == nil {
			sw.Errors = []Error{}
		}
		for j := range sw.Ports {
			normalizeNeighbors(sw.Ports[j].Neighbors)
		}
	}
	if s.Here != nil {
		if s.Here.Neighbors == nil {
			s.Here.Neighbors = []Neighbor{}
		}
		normalizeNeighbors(s.Here.Neighbors)
	}
}

func normalizeNeighbors(ns []Neighbor) {
	for k := range ns {
		if ns[k].Capabilities == nil {
			ns[k].Capabilities = []string{}
		}
		if ns[k].MED != nil && ns[k].MED.Policies == nil {
			ns[k].MED.Policies = []Policy{}
		}
	}
}

// Encode writes s as indented JSON (two spaces, one trailing newline: what
// json.MarshalIndent(s, "", "  ") gives). It normalises s first.
//
// The document is written one switch at a time, so encoding never holds
// more than one switch's JSON besides the rest of the document: a 200-switch
// snapshot is some 25 MB of JSON, which json.Encoder would build whole,
// compact and then indented, before writing a byte. On an error, what was
// written is incomplete.
func Encode(w io.Writer, s *Snapshot) error {
	s.Normalize()
	// Everything but the switches, with an empty list in their place.
	head := *s
	head.Switches = []Switch{}
	doc, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return fmt.Errorf("snapshot: encode: %w", err)
	}
	// A top-level key is the only thing at the start of a line indented
	// by two spaces (string values cannot hold a raw newline).
	at := bytes.Index(doc, []byte("\n  \"switches\": []"))
	if at < 0 {
		return errors.New("snapshot: encode: no switches list in the document")
	}
	open := at + len("\n  \"switches\": [")
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(doc[:open])
	// Each switch is an element at depth 2 of the document. One Encoder
	// and one buffer serve them all: Encoder reuses its indentation buffer
	// (MarshalIndent would allocate two per switch).
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent("    ", "  ")
	for i := range s.Switches {
		one.Reset()
		if err := enc.Encode(&s.Switches[i]); err != nil {
			return fmt.Errorf("snapshot: encode switch %q: %w", s.Switches[i].Target, err)
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n"))) // Encode ends each value with a newline
	}
	if len(s.Switches) > 0 {
		bw.WriteString("\n  ")
	}
	bw.Write(doc[open:])
	bw.WriteByte('\n')
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("snapshot: encode: %w", err)
	}
	return nil
}

// Limits of what Decode reads: a large site's snapshot is a few MiB and a
// few hundred switches; anything far beyond is not a snapshot (or would
// exhaust memory: a decoded switch takes some 400 bytes even when its JSON
// is 25).
const (
	MaxBytes    = 256 << 20
	MaxSwitches = 20000
)

// ErrTooLarge is wrapped by Decode's error for input over MaxBytes or
// MaxSwitches.
var ErrTooLarge = errors.New("snapshot: too large")

// Decode reads one snapshot and checks its schema. Unknown fields are
// accepted (a newer v1 writer may add some); an unknown schema is refused,
// and so is input over MaxBytes or MaxSwitches (ErrTooLarge).
func Decode(r io.Reader) (*Snapshot, error) {
	var head struct {
		Schema *string `json:"schema"`
	}
	// A streaming decoder stops at the first byte that cannot be JSON
	// (/dev/zero ends at once) and the limit stops an endless valid one.
	lr := &io.LimitedReader{R: r, N: MaxBytes + 1}
	dec := json.NewDecoder(lr)
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("%w: more than %d MiB; a site's snapshot is a few MiB: is this the right file?", ErrTooLarge, MaxBytes>>20)
		}
		return nil, fmt.Errorf("snapshot: not JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("snapshot: not JSON: more after the snapshot's closing brace")
	}
	data := []byte(raw)
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("snapshot: not JSON: %w", err)
	}
	var count struct {
		Switches []json.RawMessage `json:"switches"`
	}
	// A switches field of the wrong type is reported by the full decode.
	if json.Unmarshal(data, &count) == nil && len(count.Switches) > MaxSwitches {
		return nil, fmt.Errorf("%w: %d switches, at most %d in one snapshot; split the site", ErrTooLarge, len(count.Switches), MaxSwitches)
	}
	switch {
	case head.Schema == nil:
		return nil, fmt.Errorf("%w: no \"schema\" field; this is not a voxlan snapshot (expected %q)", ErrSchema, Schema)
	case *head.Schema != Schema:
		return nil, fmt.Errorf("%w %q: this voxlan reads %q; re-run discovery with this version or use the voxlan that wrote it", ErrSchema, *head.Schema, Schema)
	}
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("snapshot: decode: %w", err)
	}
	s.Normalize()
	return &s, nil
}
