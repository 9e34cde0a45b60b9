package report

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// auditFrenchTexts reads the audit's sources for its French messages: the
// string literals of every FR: field and of portFinding's French argument.
func auditFrenchTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	literals := func(e ast.Expr) {
		ast.Inspect(e, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					texts = append(texts, s)
				}
			}
			return true
		})
	}
	_, files := auditSources(t)
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "FR" {
					literals(n.Value)
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "portFinding" && len(n.Args) > 2 {
					literals(n.Args[2])
				}
			}
			return true
		})
	}
	if len(texts) < 50 {
		t.Fatalf("found %d French texts in the audit's sources: the scan no longer sees them", len(texts))
	}
	return texts
}

// TestGlossaryHoldsEveryFrenchText holds every French text the report may
// print to the glossary of docs/report.md, whether or not a demo renders
// it: each value of the French catalogue and each French message of the
// audit. A section title or a message only some sites show ("accès WAN"
// where the glossary says "accès Internet") fails here.
func TestGlossaryHoldsEveryFrenchText(t *testing.T) {
	avoid := glossaryAvoid(t)
	b, err := os.ReadFile(filepath.Join("messages", "fr.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalog map[string]string
	if err := json.Unmarshal(b, &catalog); err != nil {
		t.Fatal(err)
	}
	type text struct{ where, s string }
	var texts []text
	placeholder := regexp.MustCompile(`\{[a-zA-Z]+\}`)
	for k, v := range catalog {
		texts = append(texts, text{"messages/fr.json " + k, placeholder.ReplaceAllString(v, "")})
	}
	for _, s := range auditFrenchTexts(t) {
		texts = append(texts, text{"audit", s})
	}
	for _, w := range avoid {
		// An acronym is matched as written (POE, not PoE); a word in any
		// case.
		flags := "(?i)"
		if strings.ToLower(w) != w {
			flags = ""
		}
		re := wordsRe(flags, regexp.QuoteMeta(w))
		for _, x := range texts {
			if re.MatchString(x.s) {
				t.Errorf("%s: %q has %q; the glossary (docs/report.md) says otherwise", x.where, x.s, w)
			}
		}
	}
}
