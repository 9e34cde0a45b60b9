package snapshot

import "time"

// Probe holds the field checks run from the technician's jack. The probe
// package fills it.
type Probe struct {
	// Interface is the laptop's interface the probe ran on.
	Interface string `json:"interface"`
	// StartedAt is when the probe began; DurationSeconds how long it took.
	StartedAt       time.Time `json:"startedAt,omitzero"`
	DurationSeconds float64   `json:"durationSeconds,omitempty"`
	// RawAccess says whether raw frames could be sent and read (root or
	// CAP_NET_RAW). Without it DHCP is not probed and Skipped says so.
	RawAccess bool `json:"rawAccess"`
	// DHCP has one entry per VLAN probed: the untagged data VLAN first,
	// then the voice VLAN when one was given or learnt. Omitted when DHCP
	// could not run.
	DHCP []DHCPVLAN `json:"dhcp,omitempty"`
	// DNS has one entry per (server, name) resolved.
	DNS []DNSLookup `json:"dns,omitempty"`
	// Transport has one entry per target measured (the data VLAN's gateway,
	// then the targets the user named).
	Transport []TransportTest `json:"transport,omitempty"`
	// Ports has one entry per (target, TCP port) tried.
	Ports []PortTest `json:"ports,omitempty"`
	// Findings are the requirements the probe saw unmet, each naming its
	// requirement id (D1, D2, D4, D5, T, F).
	Findings []ProbeFinding `json:"findings,omitempty"`
	// Skipped lists checks that did not run and why ("dhcp: needs root or
	// CAP_NET_RAW", "dns: no names to resolve").
	Skipped []string `json:"skipped,omitempty"`
	// Skips are the Skipped lines again, in the same order, as a stable
	// code and the variable parts of the line, so a report words them in
	// its own language. Skipped stays for readers written before.
	Skips []ProbeSkip `json:"skips,omitempty"`
	// Errors are failures of the probe itself (interface missing...).
	Errors []Error `json:"errors,omitempty"`
}

// ProbeSkip is one check that did not run, as a code and its arguments.
type ProbeSkip struct {
	// Code is one of the ProbeSkip* constants.
	Code string `json:"code"`
	// Args are the variable parts of the message by name: "wait" (a
	// duration) for ProbeSkipVoiceNoVLAN; "vlan" for
	// ProbeSkipVoiceTagsHidden; "server" and "error" for
	// ProbeSkipDNSVoiceUnreachable; "os" (windows, darwin, linux) for the
	// NoRawAccess codes.
	Args map[string]string `json:"args,omitempty"`
}

// Codes of ProbeSkip. They are stable: reports translate them.
const (
	// ProbeSkipPortsNoTarget: firewall openings are tried only towards
	// --target hosts, and none was given.
	ProbeSkipPortsNoTarget = "ports.noTarget"
	// ProbeSkipDHCPNoRawAccess: no right to raw frames (root or
	// CAP_NET_RAW on Linux, /dev/bpf* on macOS, administrator with Npcap
	// restricted on Windows), DHCP not probed; "os" is the GOOS the probe
	// ran on, so a report words the remedy for that OS.
	ProbeSkipDHCPNoRawAccess = "dhcp.noRawAccess"
	// ProbeSkipLLDPNoRawAccess: likewise, LLDP/CDP not heard.
	ProbeSkipLLDPNoRawAccess = "lldp.noRawAccess"
	// ProbeSkipVoiceNoVLAN: no voice VLAN given nor announced; only the
	// data VLAN was probed.
	ProbeSkipVoiceNoVLAN = "dhcpVoice.noVlan"
	// ProbeSkipVoiceTagsHidden: the voice VLAN ("vlan") was known, but
	// the OS the probe ran on hides 802.1Q tags from capture (Windows,
	// macOS), so its tagged OFFERs could not be heard; only the data VLAN
	// was probed.
	ProbeSkipVoiceTagsHidden = "dhcpVoice.tagsHidden"
	// ProbeSkipDNSNoNames: neither the profile nor --resolve named a host.
	ProbeSkipDNSNoNames = "dns.noNames"
	// ProbeSkipDNSVoiceUnreachable: the voice VLAN's DNS server cannot be
	// reached from the laptop's untagged port.
	ProbeSkipDNSVoiceUnreachable = "dns.voiceServerUnreachable"
)

// ProbeSkipCodes lists every ProbeSkip code.
var ProbeSkipCodes = []string{ProbeSkipPortsNoTarget, ProbeSkipDHCPNoRawAccess, ProbeSkipLLDPNoRawAccess,
	ProbeSkipVoiceNoVLAN, ProbeSkipVoiceTagsHidden, ProbeSkipDNSNoNames, ProbeSkipDNSVoiceUnreachable}

// VLAN roles of DHCPVLAN.Role.
const (
	RoleData  = "data"
	RoleVoice = "voice"
)

// DHCPVLAN is what DHCP answered in one VLAN.
type DHCPVLAN struct {
	// Role is "data" (untagged, first boot of a phone) or "voice".
	Role string `json:"role"`
	// VLAN is the 802.1Q id the DISCOVER was tagged with; 0 for untagged.
	VLAN int `json:"vlan"`
	// ClientMAC is the hardware address the DISCOVER carried.
	ClientMAC string `json:"clientMac"`
	// WaitSeconds is how long offers were collected.
	WaitSeconds float64 `json:"waitSeconds"`
	// Offers lists every server that answered, first answer first. Always
	// present ([] when none answered).
	Offers []DHCPOffer `json:"offers"`
	// Lease is the --full DISCOVER/REQUEST/ACK/RELEASE outcome; absent
	// without --full.
	Lease *DHCPLease `json:"lease,omitempty"`
}

// DHCPOffer is one server's OFFER.
type DHCPOffer struct {
	// ServerID is option 54; ServerMAC the Ethernet source of the OFFER (a
	// relay's MAC when RelayAddr is set).
	ServerID  string `json:"serverId"`
	ServerMAC string `json:"serverMac"`
	// RelayAddr is giaddr when the OFFER came through a DHCP relay.
	RelayAddr string `json:"relayAddr,omitempty"`
	// Address is the offered address (yiaddr), SubnetMask option 1 and
	// Network the plan they make ("198.18.10.0/24").
	Address    string `json:"address"`
	SubnetMask string `json:"subnetMask,omitempty"`
	Network    string `json:"network,omitempty"`
	// Routers (option 3), DNS (6), NTP (42) servers.
	Routers    []string `json:"routers,omitempty"`
	DNS        []string `json:"dns,omitempty"`
	NTP        []string `json:"ntp,omitempty"`
	DomainName string   `json:"domainName,omitempty"`
	// LeaseSeconds is option 51.
	LeaseSeconds int64 `json:"leaseSeconds,omitempty"`
	// TFTPServerName is option 66, TFTPServers option 150 (Cisco phones),
	// VendorSpecificHex option 43 in hex: what phones use to find their
	// provisioning server.
	TFTPServerName    string   `json:"tftpServerName,omitempty"`
	TFTPServers       []string `json:"tftpServers,omitempty"`
	VendorSpecificHex string   `json:"vendorSpecificHex,omitempty"`
	// BootFile is option 67 (or the BOOTP file field).
	BootFile string `json:"bootFile,omitempty"`
	// OptionCodes lists every option code in the OFFER, in wire order.
	OptionCodes []int `json:"optionCodes"`
	// AfterMs is the time from the DISCOVER to this OFFER.
	AfterMs float64 `json:"afterMs"`
	// ReplyVLAN is the 802.1Q id the OFFER arrived with (0 = untagged).
	ReplyVLAN int `json:"replyVlan"`
}

// DHCPLease is the outcome of a full exchange with the first server.
type DHCPLease struct {
	ServerID string `json:"serverId"`
	// Granted: the server ACKed the REQUEST.
	Granted bool   `json:"granted"`
	Address string `json:"address,omitempty"`
	// Released: a RELEASE was sent for the granted address.
	Released bool `json:"released"`
	// Message says what went wrong (NAK text, timeout).
	Message string  `json:"message,omitempty"`
	AckMs   float64 `json:"ackMs,omitempty"`
}

// DNSLookup is one name resolved through one server.
type DNSLookup struct {
	Server string `json:"server"`
	Name   string `json:"name"`
	// Role is the VLAN role whose OFFER named the server ("data", "voice"),
	// or "system" for the host's own resolvers.
	Role string `json:"role"`
	// Addresses are the A records answered.
	Addresses []string `json:"addresses,omitempty"`
	// Rcode is the DNS response code ("NOERROR", "NXDOMAIN"...); empty when
	// no answer came.
	Rcode string  `json:"rcode,omitempty"`
	Ms    float64 `json:"ms"`
	OK    bool    `json:"ok"`
	Error string  `json:"error,omitempty"`
}

// TransportTest is latency, jitter and loss to one target over ICMP echo.
type TransportTest struct {
	Target string `json:"target"`
	// Role is "gateway" (the data VLAN router from DHCP) or "target".
	Role     string `json:"role"`
	Sent     int    `json:"sent"`
	Received int    `json:"received"`
	// LossPercent is 100*(Sent-Received)/Sent; with N probes its
	// resolution is 100/N points.
	LossPercent float64 `json:"lossPercent"`
	RTTMinMs    float64 `json:"rttMinMs"`
	RTTAvgMs    float64 `json:"rttAvgMs"`
	RTTMaxMs    float64 `json:"rttMaxMs"`
	// OneWayMs is RTTAvgMs/2: the path is taken as symmetric.
	OneWayMs float64 `json:"oneWayMs"`
	// JitterMs is the mean absolute difference between the round-trip
	// times of consecutive answered probes (RFC 3550 6.4.1's D, which the
	// RFC's 1/16 running estimator converges to).
	JitterMs float64 `json:"jitterMs"`
	// Max... are the thresholds applied (from the profile).
	MaxOneWayMs    float64 `json:"maxOneWayMs"`
	MaxJitterMs    float64 `json:"maxJitterMs"`
	MaxLossPercent float64 `json:"maxLossPercent"`
	// Pass is true when every figure is strictly below its threshold.
	Pass  bool   `json:"pass"`
	Error string `json:"error,omitempty"`
	// Method is how the round trips were measured (Transport* constants);
	// empty in snapshots written before it was recorded (ICMP).
	Method string `json:"method,omitempty"`
}

// Methods of TransportTest.Method.
const (
	// TransportICMPRaw: ICMP echo through a raw socket (root or
	// CAP_NET_RAW), timed by the kernel's receive timestamp.
	TransportICMPRaw = "icmp-raw"
	// TransportICMPPingSocket: ICMP echo through an unprivileged ping
	// socket (SOCK_DGRAM, IPPROTO_ICMP: every user on macOS, the groups
	// in net.ipv4.ping_group_range on Linux), kernel-timestamped too.
	TransportICMPPingSocket = "icmp-ping-socket"
	// TransportIcmpSendEcho: ICMP echo through Windows' IcmpSendEcho2
	// (iphlpapi.dll, no administrator needed), timed around each call.
	TransportIcmpSendEcho = "icmp-sendecho"
	// TransportTCPConnect: no ICMP echo could be sent; TCP connects to
	// port 443 are timed instead (SYN to SYN-ACK or reset).
	TransportTCPConnect = "tcp-connect"
)

// Port test states.
const (
	PortOpen     = "open"
	PortClosed   = "closed"   // connection refused
	PortFiltered = "filtered" // no answer before the timeout
	PortError    = "error"
)

// PortTest is one TCP connect.
type PortTest struct {
	Target string `json:"target"`
	Port   int    `json:"port"`
	// Opening names the profile's firewall opening the port belongs to.
	Opening string  `json:"opening,omitempty"`
	State   string  `json:"state"`
	Ms      float64 `json:"ms"`
	Error   string  `json:"error,omitempty"`
}

// Finding severities.
const (
	SeverityFail = "fail"
	SeverityWarn = "warn"
)

// ProbeFinding is one requirement the probe saw unmet.
type ProbeFinding struct {
	// Requirement is the id in requirements.md: D1, D2, D4, D5, T, F.
	Requirement string `json:"requirement"`
	Severity    string `json:"severity"`
	// Subject is what it is about: "vlan 20", a server, a target.
	Subject string `json:"subject"`
	Message string `json:"message"`
}
