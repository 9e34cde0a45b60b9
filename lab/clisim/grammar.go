package clisim

import (
	"strconv"
	"strings"
	"sync"
)

// A pattern is a command's tokens: a keyword ("switchport"), or a
// placeholder: <vlan> 1-4094, <n> a number, <word> any token, <rest> the
// rest of the line (at least one token). Keywords match any unique
// abbreviation, case-insensitively, like IOS.
type pattern struct {
	tokens []string
	run    func(args []string) string
}

type verdict int

const (
	matched verdict = iota
	incomplete
	invalid
	ambiguous
)

// match finds the pattern line selects. args are the placeholder values.
// On failure badAt is the byte column of the offending token (for IOS's
// caret line).
func match(patterns []pattern, line string) (p *pattern, args []string, v verdict, badAt int) {
	words, cols := fields(line)
	bestDepth := -1
	var found []int
	var foundArgs [][]string
	anyIncomplete := false
	lastKeywords := map[string]bool{} // keywords the last word abbreviates, among incomplete commands
	for i := range patterns {
		a, depth, ok, inc := matchOne(patterns[i].tokens, words)
		if ok {
			found = append(found, i)
			foundArgs = append(foundArgs, a)
			continue
		}
		if inc {
			anyIncomplete = true
			if n := len(words); n > 0 && n <= len(patterns[i].tokens) {
				lastKeywords[patterns[i].tokens[n-1]] = true
			}
		}
		if depth > bestDepth {
			bestDepth = depth
		}
	}
	switch {
	case len(found) == 1:
		return &patterns[found[0]], foundArgs[0], matched, 0
	case len(found) > 1:
		// Several keywords share the abbreviation: ambiguous unless one
		// spells a keyword out exactly at every position.
		for k, i := range found {
			if exactKeywords(patterns[i].tokens, words) {
				return &patterns[i], foundArgs[k], matched, 0
			}
		}
		return nil, nil, ambiguous, 0
	case anyIncomplete && len(lastKeywords) > 1 && !lastKeywords[strings.ToLower(words[len(words)-1])]:
		return nil, nil, ambiguous, 0
	case anyIncomplete:
		return nil, nil, incomplete, 0
	}
	if bestDepth < 0 || bestDepth >= len(cols) {
		bestDepth = max(0, len(cols)-1)
	}
	if len(cols) == 0 {
		return nil, nil, invalid, 0
	}
	return nil, nil, invalid, cols[bestDepth]
}

// matchOne matches words against tokens; depth is how many words matched
// before a failure, inc is "every word matched but the command needs more".
func matchOne(tokens, words []string) (args []string, depth int, ok, inc bool) {
	for i, t := range tokens {
		if t == "<rest>" {
			if i >= len(words) {
				return nil, i, false, true
			}
			return append(args, strings.Join(words[i:], " ")), i, true, false
		}
		if i >= len(words) {
			return nil, i, false, true
		}
		w := words[i]
		switch t {
		case "<vlan>":
			n, err := strconv.Atoi(w)
			if err != nil || n < 1 || n > 4094 {
				return nil, i, false, false
			}
			args = append(args, w)
		case "<n>":
			if _, err := strconv.Atoi(w); err != nil {
				return nil, i, false, false
			}
			args = append(args, w)
		case "<word>":
			args = append(args, w)
		default:
			if !strings.HasPrefix(t, strings.ToLower(w)) {
				return nil, i, false, false
			}
		}
	}
	if len(words) > len(tokens) {
		return nil, len(tokens), false, false
	}
	return args, len(tokens), true, false
}

func exactKeywords(tokens, words []string) bool {
	for i, t := range tokens {
		if t[0] == '<' {
			continue
		}
		if i >= len(words) || strings.ToLower(words[i]) != t {
			return false
		}
	}
	return true
}

func fields(line string) (words []string, cols []int) {
	start := -1
	for i := 0; i <= len(line); i++ {
		if i == len(line) || line[i] == ' ' || line[i] == '\t' {
			if start >= 0 {
				words = append(words, line[start:i])
				cols = append(cols, start)
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return words, cols
}

func pat(spec string, run func(args []string) string) pattern {
	return pattern{tokens: strings.Fields(spec), run: run}
}

// exec runs the matched pattern as a shell's Exec answers: its output, or
// the end of the session for logoutMarker.
func (p *pattern) exec(args []string) (string, bool) {
	out := p.run(args)
	if out == logoutMarker {
		return "", true
	}
	return out, false
}

// locked is a pattern action run with mu held: the device's state is
// shared by its sessions.
func locked(mu *sync.Mutex, f func(args []string) string) func([]string) string {
	return func(a []string) string {
		mu.Lock()
		defer mu.Unlock()
		return f(a)
	}
}

// portActions build the pattern actions of an interface context on the
// port it names, with the device's lock held: flag changes the port;
// guarded runs an action unless refuse gives the OS's reason not to (a
// VLAN command on a routed port).
type portActions[P any] struct {
	mu     *sync.Mutex
	port   func() *P
	refuse func(p *P) string
}

func (a portActions[P]) flag(f func(p *P)) func([]string) string {
	return locked(a.mu, func([]string) string { f(a.port()); return "" })
}

func (a portActions[P]) guarded(f func(p *P, args []string) string) func([]string) string {
	return locked(a.mu, func(args []string) string {
		p := a.port()
		if why := a.refuse(p); why != "" {
			return why
		}
		return f(p, args)
	})
}
