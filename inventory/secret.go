package inventory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/zalando/go-keyring"
)

// SecretRef says where a secret lives. Exactly one field is set.
type SecretRef struct {
	// Env names an environment variable.
	Env string `yaml:"env"`
	// Prompt asks for it on the terminal.
	Prompt bool `yaml:"prompt"`
	// Keyring names an entry of the OS keyring, stored under service
	// "voxlan" (secret-tool store --label=voxlan service voxlan username NAME).
	Keyring string `yaml:"keyring"`
	// File is a file readable by its owner only (chmod 600); its first
	// line is the secret.
	File string `yaml:"file"`
	// Where names the reference in messages: "sites.yaml line 12, key
	// authPass" (set by Parse). Messages never repeat what the reference
	// holds: a secret pasted where a file path or a keyring entry belongs
	// must not end up on a screen or in a log.
	Where string `yaml:"-"`
}

// ScalarHint is the error when a secret is written in clear. The value is
// never repeated.
func (SecretRef) ScalarHint(key string) string {
	return fmt.Sprintf("%q holds a secret, which is never written in the inventory in clear; write a reference instead: %s: {env: VOXLAN_%s} (or {keyring: NAME}, {file: PATH} readable only by you, {prompt: true})",
		key, key, strings.ToUpper(regexp.MustCompile(`[^A-Za-z0-9]`).ReplaceAllString(key, "_")))
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (r *SecretRef) check() error {
	n := 0
	if r.Env != "" {
		n++
		if !envName.MatchString(r.Env) {
			// Not repeated: what fails here is often the secret itself,
			// written where its variable's name goes.
			return errors.New("env is not a variable name (letters, digits and _, not starting with a digit); give the name of the variable that holds the secret, never the secret itself")
		}
	}
	if r.Prompt {
		n++
	}
	if r.Keyring != "" {
		n++
	}
	if r.File != "" {
		n++
	}
	switch n {
	case 0:
		return errors.New("give one of env, keyring, file or prompt: true")
	case 1:
		return nil
	}
	return errors.New("give only one of env, keyring, file or prompt")
}

// String names the reference for messages by where it is written and its
// kind, never by what it holds (a path, an entry name or a variable could
// be the secret itself, written in the wrong place).
func (r *SecretRef) String() string {
	kind := "nothing"
	switch {
	case r.Env != "":
		kind = "env reference"
	case r.Keyring != "":
		kind = "keyring reference"
	case r.File != "":
		kind = "file reference"
	case r.Prompt:
		kind = "prompt"
	}
	if r.Where == "" {
		return kind
	}
	return kind + " at " + r.Where
}

// Keyring reads secrets from the OS keyring.
type Keyring interface {
	Get(service, name string) (string, error)
}

// KeyringService is the service name voxlan's keyring entries live under.
const KeyringService = "voxlan"

// OSKeyring is the system keyring (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows).
type OSKeyring struct{}

// Get reads one entry.
func (OSKeyring) Get(service, name string) (string, error) { return keyring.Get(service, name) }

// Resolver turns references into secrets. Each source is injected so that
// tests and the TUI provide their own.
type Resolver struct {
	Getenv func(string) string
	// Prompt asks the user for the secret described by label, without echo.
	// Nil means no terminal: a prompt reference is then an error.
	Prompt  func(ctx context.Context, label string) (string, error)
	Keyring Keyring
	// Stat and ReadFile default to the os functions.
	ReadFile func(string) ([]byte, error)
	Stat     func(string) (fs.FileInfo, error)
	// UID is the user who must own secret files (os.Getuid by default;
	// unused on Windows, where the file's owner SID is compared with the
	// process token's user).
	UID int
}

// ErrSecret is wrapped by every resolution failure.
var ErrSecret = errors.New("inventory: secret not available")

// Resolve returns the secret a reference points to. label says what it is
// for ("snmp community of sw1"); errors name it and the reference, never a
// secret value.
func (r *Resolver) Resolve(ctx context.Context, ref *SecretRef, label string) (string, error) {
	if ref == nil {
		return "", nil
	}
	fail := func(format string, a ...any) (string, error) {
		return "", fmt.Errorf("%w: %s (%s): %s", ErrSecret, label, ref, fmt.Sprintf(format, a...))
	}
	switch {
	case ref.Env != "":
		getenv := r.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		v := getenv(ref.Env)
		if v == "" {
			return fail("environment variable %s is empty or not set; export it before running voxlan", ref.Env)
		}
		return v, nil
	case ref.Prompt:
		if r.Prompt == nil {
			return fail("no terminal to ask on; use env, keyring or file for unattended runs")
		}
		v, err := r.Prompt(ctx, label)
		if err != nil {
			return fail("%v", err)
		}
		if v == "" {
			return fail("nothing was typed")
		}
		return v, nil
	case ref.Keyring != "":
		if r.Keyring == nil {
			return fail("no OS keyring available")
		}
		v, err := r.Keyring.Get(KeyringService, ref.Keyring)
		if err != nil {
			if errors.Is(err, keyring.ErrNotFound) {
				return fail("the OS keyring has no such entry under service %q; store it with: %s (ENTRY as written in the reference)", KeyringService, keyringStoreHint)
			}
			return fail("keyring: %s", strings.ReplaceAll(err.Error(), ref.Keyring, "the entry"))
		}
		return v, nil
	case ref.File != "":
		return r.readFile(ref.File, fail)
	}
	return fail("empty reference")
}

// maxSecretFile is the largest secret file read.
const maxSecretFile = 64 << 10

func (r *Resolver) readFile(path string, fail func(string, ...any) (string, error)) (string, error) {
	// The path is never repeated: it may be the secret itself.
	hide := func(err error) string { return strings.ReplaceAll(err.Error(), path, "the file") }
	stat, read := r.Stat, r.ReadFile
	if stat == nil {
		stat = os.Stat
	}
	if read == nil {
		read = os.ReadFile
	}
	fi, err := stat(path)
	if err != nil {
		return fail("%s", hide(err))
	}
	if !fi.Mode().IsRegular() {
		return fail("the file is not a regular file")
	}
	if fi.Size() > maxSecretFile {
		return fail("the file holds %d bytes; a secret file holds one line", fi.Size())
	}
	if err := ownerOnly(path, fi, r.UID); err != nil {
		return fail("%s", hide(err))
	}
	data, err := read(path)
	if err != nil {
		return fail("%s", hide(err))
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return fail("the file is empty; its first line must be the secret")
	}
	return line, nil
}

// Credentials are an SNMP target's resolved settings.
type Credentials struct {
	Version, Community, User, AuthProto, AuthPass, PrivProto, PrivPass, Context string
}

// SNMPCredentials resolves the SNMP settings of one switch of a site. nil
// settings mean the defaults (v2c, community "public").
func (r *Resolver) SNMPCredentials(ctx context.Context, s *Site, sw *Switch) (*Credentials, error) {
	cfg := s.SNMPOf(sw)
	if cfg == nil {
		return nil, nil
	}
	c := &Credentials{Version: cfg.Version, User: cfg.User, AuthProto: cfg.AuthProto, PrivProto: cfg.PrivProto, Context: cfg.Context}
	if c.Version == "" {
		c.Version = "2c"
	}
	var err error
	who := s.Name + "/" + sw.Host
	if c.Community, err = r.Resolve(ctx, cfg.Community, "snmp community of "+who); err != nil {
		return nil, err
	}
	if c.AuthPass, err = r.Resolve(ctx, cfg.AuthPass, "snmp authPass of "+who); err != nil {
		return nil, err
	}
	if c.PrivPass, err = r.Resolve(ctx, cfg.PrivPass, "snmp privPass of "+who); err != nil {
		return nil, err
	}
	return c, nil
}

// NewResolver returns a resolver on the real process: environment, the OS
// keyring, files owned by the current user, and prompt (nil when there is
// no terminal).
func NewResolver(getenv func(string) string, prompt func(ctx context.Context, label string) (string, error)) *Resolver {
	return &Resolver{Getenv: getenv, Prompt: prompt, Keyring: OSKeyring{}, UID: os.Getuid()}
}
