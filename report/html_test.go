package report

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/voxlan/voxlan/lab/labtest"
)

// external matches whatever would make a browser fetch something: a URL
// with a scheme, a stylesheet or script element, a src/href attribute to
// anything but an anchor, a CSS url() or @import.
var external = regexp.MustCompile(`(?i)(https?://|ftp://|//[a-z0-9.-]+\.[a-z]{2,}/|<script|<link|<iframe|<object|<embed|<img|\ssrc=|\shref="[^#]|url\(|@import)`)

func renderHTML(t testing.TB, l Lang, docs []*Document) []byte {
	t.Helper()
	c, err := LoadCatalog(l)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := RenderHTML(&buf, c, docs, testOpts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHTMLSelfContained(t *testing.T) {
	d := demoDoc(t)
	other := demoDoc(t)
	other.Site = "Agence Lyon Confluence"
	for _, l := range Langs {
		for name, docs := range map[string][]*Document{"one site": {d}, "two sites": {d, other}} {
			html := renderHTML(t, l, docs)
			if m := external.Find(html); m != nil {
				i := bytes.Index(html, m)
				t.Errorf("%s %s: HTML references something outside the file: %q", l, name, html[max(i-60, 0):min(i+60, len(html))])
			}
			if !bytes.Contains(html, []byte("<svg")) || !bytes.Contains(html, []byte("<style>")) {
				t.Errorf("%s %s: no inline SVG or CSS", l, name)
			}
		}
	}
	// The check itself must catch a reference.
	if external.FindString(`<p><img src="x.png"></p>`) == "" || external.FindString(`a{background:url(x)}`) == "" {
		t.Fatal("external pattern misses references")
	}
}

// countingProxy accepts connections on loopback and counts them: Chromium
// is pointed at it for every request, so any fetch the page makes shows
// up here and never leaves the machine.
type countingProxy struct {
	ln    net.Listener
	conns atomic.Int64
	mu    sync.Mutex
	seen  []string
}

func startProxy(t *testing.T) *countingProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			// Keep the request line (GET http://... or CONNECT host:443)
			// so a failure says what was fetched.
			_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			c.Close()
			line = strings.TrimSpace(line)
			if browserOwn(line) {
				continue
			}
			p.conns.Add(1)
			p.mu.Lock()
			p.seen = append(p.seen, line)
			p.mu.Unlock()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return p
}

// browserOwn recognises the requests Chromium makes for itself whatever
// the page (network time, component updates, account check), even with
// background networking disabled. They go to the proxy like the rest and
// never leave the machine; they are not the page's. The list is exact
// endpoints, so a page fetching anything else (fonts.googleapis.com...)
// is still counted.
func browserOwn(requestLine string) bool {
	for _, own := range []string{
		"GET http://clients2.google.com/time/1/current?",
		"CONNECT update.googleapis.com:443 ",
		"POST http://update.googleapis.com/service/update2/json?",
		"CONNECT accounts.google.com:443 ",
	} {
		if strings.HasPrefix(requestLine, own) {
			return true
		}
	}
	return false
}

// chromium runs headless Chromium on a file with one action flag
// (--print-to-pdf=..., --screenshot=...), every request through proxy.
func chromium(t *testing.T, proxy *countingProxy, file string, action ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--no-pdf-header-footer",
		"--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
		"--user-data-dir=" + t.TempDir(),
		"--proxy-server=127.0.0.1:" + strings.TrimPrefix(proxy.ln.Addr().String(), "127.0.0.1:"),
		"--proxy-bypass-list=<-loopback>",
	}, action...)
	args = append(args, "file://"+file)
	out, err := exec.CommandContext(ctx, "chromium", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", action, err, out)
	}
}

// TestHTMLInChromium renders the report in a real browser: it must fetch
// nothing (every request would reach the counting proxy), print on A4 with
// a page per switch, and give a PNG for review. Set VOXLAN_REPORT_OUT to a
// directory to keep the PNG and PDF.
func TestHTMLInChromium(t *testing.T) {
	labtest.RequireTools(t, "chromium", "pdfinfo")
	dir := t.TempDir()
	keep := os.Getenv("VOXLAN_REPORT_OUT")
	proxy := startProxy(t)

	// Control: a page with one remote image must be seen by the proxy,
	// or the zero below proves nothing.
	control := filepath.Join(dir, "control.html")
	if err := os.WriteFile(control, []byte(`<!DOCTYPE html><html><body><img src="http://198.18.0.1/x.png"></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	chromium(t, proxy, control, "--print-to-pdf="+filepath.Join(dir, "control.pdf"))
	if proxy.conns.Load() == 0 {
		t.Fatal("control page's remote image did not reach the proxy: the network check cannot see requests")
	}
	proxy.conns.Store(0)

	d := demoDoc(t)
	for _, l := range Langs {
		page := filepath.Join(dir, "demo."+string(l)+".html")
		if err := os.WriteFile(page, renderHTML(t, l, []*Document{d}), 0o644); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(dir, "demo."+string(l)+".html.pdf")
		chromium(t, proxy, page, "--print-to-pdf="+pdf)
		png := filepath.Join(dir, "demo."+string(l)+".png")
		chromium(t, proxy, page, "--window-size=900,2400", "--screenshot="+png)
		if n := proxy.conns.Load(); n != 0 {
			proxy.mu.Lock()
			t.Errorf("%s: the report made %d network connections: %q", l, n, proxy.seen)
			proxy.mu.Unlock()
		}
		// Cover, requirements and switches, a page per switch, findings,
		// plan, sizing.
		if pages, min := pdfPages(t, pdf), 5+len(d.Switches); pages < min {
			t.Errorf("%s: printed on %d A4 pages, want at least %d (page breaks between switches)", l, pages, min)
		}
		st, err := os.Stat(png)
		if err != nil || st.Size() < 20_000 {
			t.Errorf("%s: screenshot missing or blank: %v", l, err)
		}
		if keep != "" {
			for _, f := range []string{pdf, png} {
				if b, err := os.ReadFile(f); err == nil {
					_ = os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644)
				}
			}
		}
	}
}
