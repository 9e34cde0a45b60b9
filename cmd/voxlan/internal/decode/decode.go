// Package decode is the `voxlan decode` verb: print every LLDP and CDP frame
// of pcap/pcapng captures as JSON.
package decode

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/voxlan/voxlan/capture"
	"github.com/voxlan/voxlan/cmd/voxlan/internal/cmdutil"
	"github.com/voxlan/voxlan/lldp"
)

// DecodeOptions are the verb's dependencies and flag values.
type DecodeOptions struct {
	IO      *cmdutil.IOStreams
	Files   []string
	Output  string // "jsonl" (default) or "json" (one array)
	OutFile string
}

// NewCmdDecode builds the command; runF replaces decodeRun in tests.
func NewCmdDecode(f *cmdutil.Factory, runF func(*DecodeOptions) error) *cobra.Command {
	opts := &DecodeOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "decode [flags] FILE...",
		Short: "Decode the LLDP and CDP frames of pcap/pcapng captures",
		Long: `Print one JSON object per LLDP or CDP frame found in each FILE (pcap or
pcapng, as written by tcpdump or Wireshark): the neighbour fields of the
snapshot (chassisId, portId, sysName, capabilities, med...) plus portVlan,
voiceVlan, ttl, mau/speedMbps/duplex and power.

Other frames are skipped. A broken frame becomes an object with "frame" and
"error" and decoding goes on. With several files each object names its "file".

Exit codes: 0 all decoded, 3 some frames could not be decoded or a file
is cut short, 2 bad flags or a file that is missing or not a pcap/pcapng
capture (nothing is decoded then).`,
		Example: `  voxlan decode jack.pcapng
  sudo tcpdump -i eth0 -w jack.pcap 'ether proto 0x88cc or ether dst 01:00:0c:cc:cc:cc'
  voxlan decode jack.pcap | jq 'select(.med) | .med.policies'`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if opts.Output != "jsonl" && opts.Output != "json" {
				return cmdutil.UsageError("decode: -o %q: want jsonl or json", opts.Output)
			}
			if runF != nil {
				return runF(opts)
			}
			return decodeRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "jsonl", "output format: jsonl (one object per line) or json (one array)")
	cmd.Flags().StringVar(&opts.OutFile, "out", "", "write to this file instead of stdout")
	return cmd
}

// record is one decoded frame.
type record struct {
	File string `json:"file,omitempty"`
	lldp.Record
}

// brokenRecord is a discovery frame that could not be decoded.
type brokenRecord struct {
	File     string `json:"file,omitempty"`
	Frame    int    `json:"frame"`
	Protocol string `json:"protocol"`
	Error    string `json:"error"`
}

func decodeRun(ctx context.Context, opts *DecodeOptions) (err error) {
	if err := checkInputs(opts.Files); err != nil {
		return err
	}
	out, closeOut, err := cmdutil.OpenOutput(opts.OutFile, opts.IO)
	if err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	defer cmdutil.CloseOutput(&err, closeOut, "decode")
	w := bufio.NewWriterSize(out, 1<<16)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	first := true
	emit := func(r any) error {
		if opts.Output == "json" {
			sep := ",\n"
			if first {
				sep = "[\n"
			}
			if _, err := w.WriteString(sep); err != nil {
				return err
			}
			first = false
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}
		return enc.Encode(r)
	}
	failures := 0
	var pkt lldp.Packet
	for _, name := range opts.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, bad, err := decodeFile(ctx, name, len(opts.Files) > 1, &pkt, emit)
		failures += bad
		if err != nil {
			failures++
			fmt.Fprintf(opts.IO.ErrOut, "decode: %v\n", err)
			continue
		}
		if bad > 0 {
			fmt.Fprintf(opts.IO.ErrOut, "decode: %s: %d LLDP/CDP frames, %d broken\n", name, n, bad)
		}
	}
	if opts.Output == "json" {
		end := "]\n"
		if first {
			end = "[]\n"
		}
		if _, err := w.WriteString(end); err != nil {
			return fmt.Errorf("decode: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	if failures > 0 {
		return cmdutil.Silent(cmdutil.ExitPartial)
	}
	return nil
}

// checkInputs opens every file before anything is decoded: a missing,
// unreadable or non-capture file is an input error (exit 2, nothing done),
// all of them named at once.
func checkInputs(files []string) error {
	var bad []string
	for _, name := range files {
		r, err := capture.OpenFile(name)
		if err != nil {
			bad = append(bad, err.Error())
			continue
		}
		r.Close()
	}
	if len(bad) > 0 {
		return cmdutil.UsageError("decode: %s; give pcap or pcapng captures (tcpdump -w, Wireshark)", strings.Join(bad, "; "))
	}
	return nil
}

// decodeFile emits a record per discovery frame of the file; it returns how
// many it found, how many were broken, and an error when the file itself
// could not be read.
func decodeFile(ctx context.Context, name string, withName bool, pkt *lldp.Packet, emit func(any) error) (found, broken int, err error) {
	r, err := capture.OpenFile(name)
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	file := ""
	if withName {
		file = name
	}
	for {
		if found%1024 == 0 && ctx.Err() != nil {
			return found, broken, ctx.Err()
		}
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			return found, broken, nil
		}
		if err != nil {
			return found, broken, err
		}
		derr := pkt.DecodeEthernet(f.Data)
		if errors.Is(derr, lldp.ErrNotDiscovery) {
			continue
		}
		found++
		var rec any
		if derr != nil {
			broken++
			msg := derr.Error()
			if f.Length > len(f.Data) {
				msg = fmt.Sprintf("capture kept %d of the frame's %d bytes (snaplen): %v", len(f.Data), f.Length, derr)
			}
			rec = &brokenRecord{File: file, Frame: r.Count, Protocol: protocolOf(f.Data), Error: msg}
		} else {
			var tag *lldp.Tag
			if f.Tagged {
				tag = &lldp.Tag{VLAN: int(f.VLAN), Priority: int(f.Priority)}
			}
			rec = &record{File: file, Record: pkt.Record(r.Count, tag)}
		}
		if err := emit(rec); err != nil {
			return found, broken, fmt.Errorf("decode: writing output: %w", err)
		}
	}
}

// protocolOf guesses the protocol of a frame that failed to decode.
func protocolOf(data []byte) string {
	if capture.EtherType(data) == lldp.EtherType {
		return "lldp"
	}
	return "cdp"
}
