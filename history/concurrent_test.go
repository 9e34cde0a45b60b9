package history

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/voxlan/voxlan/audit"
)

// The test binary doubles as a writer process for TestConcurrentProcesses.
const (
	envWriter = "VOXLAN_HISTORY_TEST_WRITER"
	envPath   = "VOXLAN_HISTORY_TEST_PATH"
	envGo     = "VOXLAN_HISTORY_TEST_GO"
	envCount  = "VOXLAN_HISTORY_TEST_COUNT"
)

func TestMain(m *testing.M) {
	if w := os.Getenv(envWriter); w != "" {
		if err := writer(w); err != nil {
			fmt.Fprintln(os.Stderr, "writer", w+":", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writer waits for the go file (so every process opens the fresh file at
// the same moment), then records its audits one per transaction, reading
// the list between writes as `voxlan history list` would.
func writer(name string) error {
	ctx := context.Background()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(os.Getenv(envGo)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no go signal")
		}
		time.Sleep(time.Millisecond)
	}
	n, _ := strconv.Atoi(os.Getenv(envCount))
	w, _ := strconv.Atoi(name)
	site := []string{"hq", "lyon"}[w%2]
	for i := range n {
		s, err := Open(ctx, os.Getenv(envPath), Options{})
		if err != nil {
			return err
		}
		at := t0.Add(time.Duration(w*1000+i) * time.Minute)
		if _, err := s.RecordAudit(ctx, result(site, at, audit.StatusFail, audit.StatusWarn), snap(site, at), SourceAudit); err != nil {
			s.Close()
			return err
		}
		if _, err := s.List(ctx, ListOptions{Site: site, Limit: 5}); err != nil {
			s.Close()
			return err
		}
		if err := s.Close(); err != nil {
			return err
		}
	}
	return nil
}

// TestConcurrentProcesses runs several writer processes on one new file at
// once, each opening it per audit as separate `voxlan audit` runs do: the
// creation and migration race, then the writes do. Every audit must be
// there once, numbered without gap per site, and the file intact.
func TestConcurrentProcesses(t *testing.T) {
	const writers, each = 6, 15
	dir := t.TempDir()
	path := filepath.Join(dir, "history.db")
	goFile := filepath.Join(dir, "go")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var cmds []*exec.Cmd
	for w := range writers {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), envWriter+"="+strconv.Itoa(w), envPath+"="+path, envGo+"="+goFile, envCount+"="+strconv.Itoa(each))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	if err := os.WriteFile(goFile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("writer %d: %v", i, err)
		}
	}

	s := open(t, path)
	var integrity string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q, %v", integrity, err)
	}
	for _, site := range []string{"hq", "lyon"} {
		list, err := s.List(ctx, ListOptions{Site: site})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != writers/2*each {
			t.Errorf("site %s: %d audits, want %d", site, len(list), writers/2*each)
		}
		seen := map[int]bool{}
		for _, e := range list {
			if seen[e.Seq] || e.Seq < 1 || e.Seq > len(list) {
				t.Errorf("site %s: audit %d numbered %d: duplicate or out of 1..%d", site, e.ID, e.Seq, len(list))
			}
			seen[e.Seq] = true
		}
		if rec, err := s.Get(ctx, list[len(list)/2].ID); err != nil || rec.Snapshot == nil || len(rec.Result.Findings) != 2 {
			t.Errorf("site %s: a recorded audit reads back as %+v, %v", site, rec, err)
		}
	}
}
