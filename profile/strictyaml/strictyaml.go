// Package strictyaml decodes a YAML file into a Go struct and refuses
// anything the struct does not describe: unknown keys, duplicate keys, wrong
// types. Every mistake is reported with file:line:column and, where it can,
// what to write instead. Profiles and the inventory both use it.
package strictyaml

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Pos is a place in the file, 1-based.
type Pos struct {
	Line   int
	Column int
}

// Error is one mistake at one place.
type Error struct {
	File string
	Pos
	Msg string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// ErrorList is every mistake found in one file, in file order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Sort orders the list by position.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Column < l[j].Column
	})
}

// Err returns nil for an empty list, the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// ScalarHinter is implemented by struct types that must be written as a
// mapping but that people are tempted to write as a plain value (a secret
// reference). The hint replaces the generic "expected a mapping" error, and
// the value itself is never repeated in the error.
type ScalarHinter interface {
	ScalarHint(key string) string
}

// Options tune the decoder.
type Options struct {
	// UnknownKeyHint, if set, may return a better message for an unknown
	// key than the list of valid keys (for instance, "secrets are never
	// written in clear" for a key named password). Empty means no hint.
	UnknownKeyHint func(key string) string
}

// Doc is a decoded file: where each path sits, for checks done after
// decoding. Paths look like "sites[0].switches[1].host".
type Doc struct {
	File string
	pos  map[string]Pos
}

// Pos returns where path sits, or the closest parent that exists.
func (d *Doc) Pos(path string) Pos {
	for {
		if p, ok := d.pos[path]; ok {
			return p
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return Pos{Line: 1, Column: 1}
		}
		path = path[:i]
	}
}

// Errorf builds an error at path.
func (d *Doc) Errorf(path, format string, a ...any) *Error {
	return &Error{File: d.File, Pos: d.Pos(path), Msg: fmt.Sprintf(format, a...)}
}

// Decode checks data against v's type and, when it matches, fills v. v must
// be a pointer to a struct. The returned error is an ErrorList.
func Decode(file string, data []byte, v any, opts Options) (*Doc, error) {
	doc := &Doc{File: file, pos: map[string]Pos{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return doc, ErrorList{syntaxError(file, err)}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return doc, ErrorList{{File: file, Pos: Pos{1, 1}, Msg: "the file is empty"}}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return doc, fmt.Errorf("strictyaml: Decode needs a pointer to a struct, got %T", v)
	}
	w := walker{file: file, doc: doc, opts: opts}
	w.walk(root.Content[0], rv.Elem().Type(), "", "")
	if err := w.errs.Err(); err != nil {
		return doc, err
	}
	if err := root.Content[0].Decode(v); err != nil {
		// The walk accepts only what yaml.v3 can decode; this is a bug guard.
		return doc, ErrorList{{File: file, Pos: Pos{1, 1}, Msg: err.Error()}}
	}
	return doc, nil
}

func syntaxError(file string, err error) *Error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	e := &Error{File: file, Msg: "not valid YAML: " + msg}
	if line > 0 {
		e.Pos = Pos{Line: line, Column: 1}
	}
	return e
}

type walker struct {
	file string
	doc  *Doc
	opts Options
	errs ErrorList
}

func (w *walker) errorf(n *yaml.Node, format string, a ...any) {
	w.errs = append(w.errs, &Error{File: w.file, Pos: Pos{n.Line, n.Column}, Msg: fmt.Sprintf(format, a...)})
}

var scalarHinterType = reflect.TypeFor[ScalarHinter]()

func (w *walker) walk(n *yaml.Node, t reflect.Type, path, key string) {
	w.doc.pos[path] = Pos{n.Line, n.Column}
	if n.Kind == yaml.AliasNode {
		w.errorf(n, "aliases (*name) are not supported here; write the value out")
		return
	}
	if t.Kind() == reflect.Pointer {
		if isNull(n) {
			return
		}
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if t.Implements(scalarHinterType) || reflect.PointerTo(t).Implements(scalarHinterType) {
				h := reflect.New(t).Interface().(ScalarHinter)
				w.errorf(n, "%s", h.ScalarHint(key))
				return
			}
			if key == "" {
				// The whole file is one value: most likely not a YAML
				// file at all (a secret, a config of something else).
				// Its content is never repeated.
				w.errorf(n, "the file is not a YAML mapping (key: value lines) but %s; is this the right file?", describeKind(n))
				return
			}
			w.errorf(n, "%s must be a mapping (key: value lines), not %s", describeKey(key), describe(n))
			return
		}
		w.walkStruct(n, t, path)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if isNull(n) {
				return
			}
			w.errorf(n, "%s must be a list (lines starting with \"- \"), not %s", describeKey(key), describe(n))
			return
		}
		for i, c := range n.Content {
			w.walk(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), key)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			w.errorf(n, "%s must be a mapping, not %s", describeKey(key), describe(n))
			return
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				w.errorf(k, "%q is written twice; keep one", k.Value)
				continue
			}
			seen[k.Value] = true
			if t.Key().Kind() == reflect.Int && !isInt(k) {
				w.errorf(k, "key %q of %s must be a whole number", k.Value, describeKey(key))
				continue
			}
			w.walk(v, t.Elem(), join(path, k.Value), k.Value)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode || isNull(n) {
			w.errorf(n, "%s must be a text value, not %s", describeKey(key), describe(n))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			w.errorf(n, "%s must be true or false, not %s", describeKey(key), describe(n))
		}
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		if !isInt(n) {
			w.errorf(n, "%s must be a whole number, not %s", describeKey(key), describe(n))
			return
		}
		if t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64 && strings.HasPrefix(n.Value, "-") {
			w.errorf(n, "%s cannot be negative", describeKey(key))
		}
	case reflect.Float64, reflect.Float32:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!float" && n.ShortTag() != "!!int") {
			w.errorf(n, "%s must be a number, not %s", describeKey(key), describe(n))
		}
	default:
		w.errorf(n, "%s: unsupported type %s (voxlan bug)", describeKey(key), t)
	}
}

func (w *walker) walkStruct(n *yaml.Node, t reflect.Type, path string) {
	fields := structFields(t)
	seen := map[string]bool{}
	// A misspelt key is reported once, as unknown with its suggestion, not
	// again as the missing key it was meant to be.
	suggested := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if seen[name] {
			w.errorf(k, "%q is written twice; keep one", name)
			continue
		}
		seen[name] = true
		f, ok := fields[name]
		if !ok {
			msg, best := w.unknownKey(name, fields)
			suggested[best] = true
			w.errs = append(w.errs, &Error{File: w.file, Pos: Pos{k.Line, k.Column}, Msg: msg})
			continue
		}
		w.doc.pos[join(path, name)] = Pos{k.Line, k.Column}
		w.walk(v, f.Type, join(path, name), name)
		w.doc.pos[join(path, name)] = Pos{k.Line, k.Column}
	}
	var missing []string
	for name, f := range fields {
		if f.Tag.Get("check") == "required" && !seen[name] && !suggested[name] {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		w.errorf(n, "%q is missing here; add a line \"%s: ...\"", name, name)
	}
}

func (w *walker) unknownKey(name string, fields map[string]reflect.StructField) (msg, suggestion string) {
	if w.opts.UnknownKeyHint != nil {
		if h := w.opts.UnknownKeyHint(name); h != "" {
			return h, ""
		}
	}
	valid := make([]string, 0, len(fields))
	for k := range fields {
		valid = append(valid, k)
	}
	slices.Sort(valid)
	if best := closest(name, valid); best != "" {
		return fmt.Sprintf("unknown key %q; did you mean %q? (valid keys: %s)", name, best, strings.Join(valid, ", ")), best
	}
	return fmt.Sprintf("unknown key %q; valid keys here: %s", name, strings.Join(valid, ", ")), ""
}

// structFields maps YAML keys to fields, following yaml.v3's tag rules for
// the subset voxlan uses (a name, omitempty, "-").
func structFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f
	}
	return m
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func isInt(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describeKey(key string) string {
	if key == "" {
		return "the document"
	}
	return strconv.Quote(key)
}

// describe names what was written, without echoing long values.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if isNull(n) {
		return "an empty value"
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "..."
	}
	return strconv.Quote(v)
}

// describeKind names what was written without any of its content.
func describeKind(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case isNull(n):
		return "an empty value"
	}
	return fmt.Sprintf("one text value of %d characters", len(n.Value))
}

// closest returns the valid key within edit distance 2 of name, or that
// starts with it (a shortened key), if any.
func closest(name string, valid []string) string {
	best, bestD := "", 3
	for _, v := range valid {
		if len(name) >= 4 && strings.HasPrefix(strings.ToLower(v), strings.ToLower(name)) {
			return v
		}
		// A suggestion must share most of the key: "zz" suggests nothing.
		if d := distance(strings.ToLower(name), strings.ToLower(v)); d < bestD && d < len(name)/2 {
			best, bestD = v, d
		}
	}
	return best
}

// distance is the Levenshtein distance, small strings only.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// IsErrorList reports whether err is (or wraps) a list of positioned errors.
func IsErrorList(err error) bool {
	var l ErrorList
	return errors.As(err, &l)
}
