package report

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Lang is a report language: the name of a message catalogue.
type Lang string

const (
	French  Lang = "fr"
	English Lang = "en"
)

// Langs lists the languages a report can be written in.
var Langs = []Lang{French, English}

// ParseLang accepts "fr" or "en" (any case).
func ParseLang(s string) (Lang, error) {
	l := Lang(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Langs, l) {
		return l, nil
	}
	return "", fmt.Errorf("report: language %q is not available; use one of %q", s, Langs)
}

//go:embed messages/*.json
var catalogueFiles embed.FS

// Catalog holds every user-facing string of one language. Keys are stable
// identifiers ("section.requirements"); values may hold {name} placeholders
// filled by T, so a translation can put them in its own order.
type Catalog struct {
	Lang     Lang
	messages map[string]string
}

// LoadCatalog reads the embedded catalogue of lang.
func LoadCatalog(lang Lang) (*Catalog, error) {
	data, err := catalogueFiles.ReadFile("messages/" + string(lang) + ".json")
	if err != nil {
		return nil, fmt.Errorf("report: no message catalogue for %q: %w", lang, err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("report: catalogue %s.json: %w", lang, err)
	}
	if lang == French {
		for k, v := range m {
			m[k] = frenchSpacing(v)
		}
	}
	return &Catalog{Lang: lang, messages: m}, nil
}

// French typography puts a narrow no-break space (U+202F) before the
// high punctuation : ; ? ! so it never starts a line. beforeHighPunct
// finds an ordinary space there (a colon that ends a word, not "14:05").
var beforeHighPunct = regexp.MustCompile(`[ \x{00A0}]([:;?!])(\s|$|[)»])`)

// frenchSpacing applies that rule to a French text.
func frenchSpacing(s string) string {
	if !strings.ContainsAny(s, ":;?!") {
		return s
	}
	return beforeHighPunct.ReplaceAllString(s, "\u202f$1$2")
}

// Keys returns the catalogue's keys, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.messages))
	for k := range c.messages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Has reports whether key is in the catalogue.
func (c *Catalog) Has(key string) bool {
	_, ok := c.messages[key]
	return ok
}

// T returns the message key with its {name} placeholders replaced by the
// values given as name, value pairs. A missing key comes back as "!key!" so
// it shows in the output; the catalogue tests make sure none is missing.
func (c *Catalog) T(key string, args ...any) string {
	msg, ok := c.messages[key]
	if !ok {
		return "!" + key + "!"
	}
	if len(args) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// TOr returns the message key, or fallback when the catalogue has none
// (evidence keys and other open-ended vocabularies from the audit).
func (c *Catalog) TOr(key, fallback string) string {
	if msg, ok := c.messages[key]; ok {
		return msg
	}
	return fallback
}

// Int formats n with the language's digit grouping ("1 234" / "1,234").
func (c *Catalog) Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	group := c.T("format.group")
	var b strings.Builder
	if neg {
		b.WriteString(c.T("format.minus"))
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Num formats v with decimals digits after the language's decimal mark,
// dropping trailing zeros ("2,7" / "2.7", "0,17" / "0.17").
func (c *Catalog) Num(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if decimals > 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	intPart, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.Atoi(intPart)
	out := c.Int(n)
	if n == 0 && strings.HasPrefix(intPart, "-") {
		out = c.T("format.minus") + out
	}
	if frac != "" {
		out += c.T("format.decimal") + frac
	}
	return out
}

// Percent formats a fraction (0.01) as a percentage with the language's
// spacing ("1 %" / "1%").
func (c *Catalog) Percent(fraction float64, decimals int) string {
	return c.T("format.percent", "n", c.Num(fraction*100, decimals))
}

// Date formats t as a long date ("23 novembre 2026" / "23 November 2026").
func (c *Catalog) Date(t time.Time) string {
	return c.T("format.date", "day", t.Day(), "month", c.T(fmt.Sprintf("month.%d", int(t.Month()))), "year", t.Year())
}

// DateTime formats t as a long date and a 24-hour time, in t's own zone,
// named by its abbreviation and, when known, its place ("CET,
// Europe/Paris").
func (c *Catalog) DateTime(t time.Time) string {
	return c.T("format.datetime", "date", c.Date(t), "time", t.Format("15:04"), "zone", zoneName(t))
}

func zoneName(t time.Time) string {
	abbr, name := t.Format("MST"), t.Location().String()
	if name == "" || name == "Local" || name == "UTC" || name == abbr {
		return abbr
	}
	return abbr + ", " + name
}

// count words n things: key+".one" for one (zero too in French), else
// key+".other", with {n} the number ("1 port", "48 ports").
func (c *Catalog) count(key string, n int) string {
	one := n == 1 || (c.Lang == French && n == 0)
	if one {
		return c.T(key+".one", "n", c.Int(n))
	}
	return c.T(key+".other", "n", c.Int(n))
}
