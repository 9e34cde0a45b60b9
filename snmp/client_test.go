package snmp

import (
	"strings"
	"testing"
)

func TestSplitAddress(t *testing.T) {
	tests := []struct {
		in   string
		host string
		port uint16
		ok   bool
	}{
		{"10.1.1.2", "10.1.1.2", 161, true},
		{"10.1.1.2:1161", "10.1.1.2", 1161, true},
		{"sw1.example.net", "sw1.example.net", 161, true},
		{"[2001:db8::1]:1161", "2001:db8::1", 1161, true},
		{"2001:db8::1", "2001:db8::1", 161, true},
		{"10.1.1.2:0", "", 0, false},
		{"10.1.1.2:70000", "", 0, false},
		{":161", "", 0, false},
		{"", "", 0, false},
	}
	for _, tt := range tests {
		host, port, err := splitAddress(tt.in)
		if (err == nil) != tt.ok || host != tt.host || port != tt.port {
			t.Errorf("splitAddress(%q) = %q, %d, %v; want %q, %d, ok=%v", tt.in, host, port, err, tt.host, tt.port, tt.ok)
		}
	}
}

func TestCredentialsParams(t *testing.T) {
	const secret = "s3cret-passphrase"
	tests := []struct {
		name    string
		c       Credentials
		wantErr string
	}{
		{"v2c default community", Credentials{}, ""},
		{"v3 authPriv", Credentials{Version: "3", User: "u", AuthProto: "sha256", AuthPass: secret, PrivProto: "AES", PrivPass: secret}, ""},
		{"v3 noAuth", Credentials{Version: "3", User: "u"}, ""},
		{"v1 refused", Credentials{Version: "1"}, "use 2c or 3"},
		{"v3 without user", Credentials{Version: "3"}, "needs a user"},
		{"unknown auth", Credentials{Version: "3", User: "u", AuthProto: "SHA999", AuthPass: secret}, `auth protocol "SHA999" unknown`},
		{"short auth pass", Credentials{Version: "3", User: "u", AuthProto: "SHA", AuthPass: "short"}, "shorter than 8"},
		{"priv without auth", Credentials{Version: "3", User: "u", PrivProto: "AES", PrivPass: secret}, "needs an auth protocol"},
		{"unknown priv", Credentials{Version: "3", User: "u", AuthProto: "SHA", AuthPass: secret, PrivProto: "ROT13", PrivPass: secret}, `priv protocol "ROT13" unknown`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.params()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if tt.c.Version == "" && p.community != DefaultCommunity {
					t.Fatalf("community = %q, want %q", p.community, DefaultCommunity)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "short\"") {
				t.Fatalf("error shows a secret: %v", err)
			}
		})
	}
}

func TestCleanErrorHidesSecrets(t *testing.T) {
	c := Credentials{Community: "campus-ro", AuthPass: "authpass1", PrivPass: "privpass1"}
	msg := cleanError(errString("bad community campus-ro, auth authpass1, priv privpass1"), c)
	for _, s := range []string{"campus-ro", "authpass1", "privpass1"} {
		if strings.Contains(msg, s) {
			t.Fatalf("%q still in %q", s, msg)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }
