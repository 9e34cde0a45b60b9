package capture

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// FileReader reads Ethernet frames from a pcap or pcapng stream.
type FileReader struct {
	src interface {
		ZeroCopyReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	}
	closer io.Closer
	name   string
	// Count is the 1-based number of the frame last returned (the frame
	// number Wireshark and tshark show).
	Count int
}

// OpenFile opens a pcap or pcapng file of Ethernet frames.
func OpenFile(path string) (*FileReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("capture: %w", err)
	}
	r, err := NewFileReader(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// NewFileReader reads a pcap or pcapng stream (told apart by their magic
// numbers); name is used in errors.
func NewFileReader(r io.Reader, name string) (*FileReader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	magic, err := br.Peek(4)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFileFormat, name, err)
	}
	fr := &FileReader{name: name}
	var link layers.LinkType
	switch string(magic) {
	case "\x0a\x0d\x0d\x0a":
		ng, err := pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrFileFormat, name, err)
		}
		fr.src, link = ng, ng.LinkType()
	case "\xa1\xb2\xc3\xd4", "\xd4\xc3\xb2\xa1", "\xa1\xb2\x3c\x4d", "\x4d\x3c\xb2\xa1":
		pr, err := pcapgo.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrFileFormat, name, err)
		}
		fr.src, link = pr, pr.LinkType()
	default:
		return nil, fmt.Errorf("%w: %s: unknown magic % x", ErrFileFormat, name, magic)
	}
	if link != layers.LinkTypeEthernet {
		return nil, fmt.Errorf("%w: %s: link type %s", ErrFileFormat, name, link)
	}
	return fr, nil
}

// Next returns the next frame without copying: Frame.Data is only valid
// until the following call. It returns io.EOF at the end of the file.
func (r *FileReader) Next() (Frame, error) {
	data, ci, err := r.src.ZeroCopyReadPacketData()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Frame{}, io.EOF
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return Frame{}, fmt.Errorf("capture: %s: frame %d is truncated: %w", r.name, r.Count+1, err)
		}
		return Frame{}, fmt.Errorf("capture: %s after frame %d: %w", r.name, r.Count, err)
	}
	r.Count++
	f := Frame{Data: data, Time: ci.Timestamp, Length: max(ci.Length, len(data))}
	tagged := len(data)
	untag(&f)
	f.Length -= tagged - len(f.Data)
	return f, nil
}

// ReadFrame returns a copy of the next frame (see Next), io.EOF at the end.
func (r *FileReader) ReadFrame(ctx context.Context) (Frame, error) {
	if err := ctx.Err(); err != nil {
		return Frame{}, err
	}
	f, err := r.Next()
	if err != nil {
		return f, err
	}
	f.Data = append([]byte(nil), f.Data...)
	return f, nil
}

// Close closes the underlying file when OpenFile opened it.
func (r *FileReader) Close() error {
	if r.closer == nil {
		return nil
	}
	return r.closer.Close()
}

var _ Reader = (*FileReader)(nil)
