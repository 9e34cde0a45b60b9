package ssh

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/voxlan/voxlan/drivers"
)

// Configure implements drivers.Session. It enters configuration mode
// (unless the OS has none: Attrs.NoConfigMode) and writes batch lines at a
// time (1 = one line per round trip), then reads
// until the switch has answered every line of the batch with a prompt. The
// switch takes type-ahead like a terminal paste, so a batch costs one round
// trip; the replies are cut apart at each prompt and checked line by line.
func (s *Session) Configure(ctx context.Context, lines []string, batch int) ([]drivers.LineResult, error) {
	if batch < 1 {
		batch = 1
	}
	if !s.attrs.NoConfigMode {
		priv := s.configPrivilege()
		if s.d.CurrentPriv != priv {
			// configure terminal: echo, then the new prompt.
			s.roundTrips += 2
		}
		if err := s.d.AcquirePriv(priv); err != nil {
			return nil, s.classify("configure", err)
		}
	}
	var results []drivers.LineResult
	for start := 0; start < len(lines); start += batch {
		chunk := lines[start:min(start+batch, len(lines))]
		res, err := s.sendBatch(ctx, chunk)
		results = append(results, res...)
		if err != nil {
			return results, err
		}
		for _, r := range res {
			if r.Error != "" {
				return results, nil
			}
		}
	}
	return results, nil
}

// configPrivilege is the scrapligo privilege level of configuration mode
// for this OS (Attrs.ConfigPrivilege). scrapligo's juniper_junos platform
// gives configuration, configuration-exclusive and configuration-private
// the same prompt pattern; AcquirePriv keeps the level it asked for when
// the prompt matches it, so the three do not get mixed up.
func (s *Session) configPrivilege() string {
	if s.attrs.ConfigPrivilege != "" {
		return s.attrs.ConfigPrivilege
	}
	return "configuration"
}

func (s *Session) sendBatch(ctx context.Context, chunk []string) ([]drivers.LineResult, error) {
	s.roundTrips++
	ctx, cancel := context.WithTimeout(ctx, s.timeout*time.Duration(len(chunk)))
	defer cancel()
	payload := strings.Join(chunk, "\n") + "\n"
	if err := s.d.Channel.Write([]byte(payload), false); err != nil {
		return nil, s.classify("configure", err)
	}
	var buf []byte
	for {
		if err := ctx.Err(); err != nil {
			return cutReplies(string(buf), chunk, s.attrs, true), s.classify(fmt.Sprintf("configure (waiting for the reply to %q)", lastEchoed(string(buf), chunk, s.attrs.LinePrompt)), err)
		}
		b, err := s.d.Channel.Read()
		if err != nil {
			return cutReplies(string(buf), chunk, s.attrs, true), s.classify("configure", err)
		}
		if len(b) == 0 {
			time.Sleep(200 * time.Microsecond)
			continue
		}
		buf = append(buf, b...)
		if answered(string(buf), len(chunk), s.attrs.LinePrompt) {
			return cutReplies(string(buf), chunk, s.attrs, false), nil
		}
	}
}

// answered: n prompts have come back and the text ends with one.
func answered(text string, n int, prompt *regexp.Regexp) bool {
	locs := prompt.FindAllStringIndex(text, -1)
	if len(locs) < n {
		return false
	}
	last := locs[len(locs)-1]
	return strings.TrimSpace(text[last[1]:]) == ""
}

// cutReplies splits the text read after a batch into one reply per line:
// line i's echo and reply run up to the i-th prompt. With partial set, lines
// without a reply yet are returned with the error "no reply".
func cutReplies(text string, chunk []string, a drivers.Attrs, partial bool) []drivers.LineResult {
	locs := a.LinePrompt.FindAllStringIndex(text, -1)
	var out []drivers.LineResult
	from := 0
	for i, line := range chunk {
		if i >= len(locs) {
			if partial {
				// Sent, but the switch did not answer: its state is unknown,
				// which the caller reports.
				out = append(out, drivers.LineResult{Line: line, Error: "no reply (session lost or timed out)"})
			}
			continue
		}
		seg := text[from:locs[i][0]]
		from = locs[i][1]
		// The segment starts with the echo of the line.
		reply := seg
		if j := strings.IndexByte(seg, '\n'); j >= 0 {
			reply = seg[j+1:]
		} else {
			reply = ""
		}
		r := drivers.LineResult{Line: line, Reply: strings.TrimRight(reply, "\n ")}
		for _, l := range strings.Split(reply, "\n") {
			for _, m := range a.ErrorMarkers {
				if strings.Contains(l, m) && r.Error == "" {
					r.Error = strings.TrimSpace(l)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

func lastEchoed(text string, chunk []string, prompt *regexp.Regexp) string {
	n := len(prompt.FindAllStringIndex(text, -1))
	if n < len(chunk) {
		return chunk[n]
	}
	return chunk[len(chunk)-1]
}
