package capture

import (
	"fmt"
	"net"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// adapter is one network adapter as Windows names it for the user and as
// Npcap names it for the driver.
type adapter struct {
	Name        string // "Ethernet 2" (the friendly name)
	Description string // "Intel(R) Ethernet Connection I219-LM"
	Device      string // \Device\NPF_{GUID}
	MAC         net.HardwareAddr
	Wired, Up   bool
}

// adapters lists the host's adapters (GetAdaptersAddresses).
func adapters() ([]adapter, error) {
	size := uint32(15 << 10)
	var buf []byte
	for {
		buf = make([]byte, size)
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, windows.GAA_FLAG_INCLUDE_ALL_INTERFACES, 0, (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])), &size)
		if err == nil {
			break
		}
		if err != windows.ERROR_BUFFER_OVERFLOW {
			return nil, fmt.Errorf("capture: listing adapters: %w", err)
		}
	}
	var out []adapter
	for a := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0])); a != nil; a = a.Next {
		ad := adapter{
			Name:        windows.UTF16PtrToString(a.FriendlyName),
			Description: windows.UTF16PtrToString(a.Description),
			Device:      `\Device\NPF_` + windows.BytePtrToString(a.AdapterName),
			Wired:       a.IfType == windows.IF_TYPE_ETHERNET_CSMACD,
			Up:          a.OperStatus == windows.IfOperStatusUp,
		}
		if n := a.PhysicalAddressLength; n > 0 && n <= uint32(len(a.PhysicalAddress)) {
			ad.MAC = net.HardwareAddr(append([]byte(nil), a.PhysicalAddress[:n]...))
		}
		out = append(out, ad)
	}
	return out, nil
}

// findAdapter finds ifname by friendly name (case-insensitive, as Windows
// compares them), Npcap device name or bare GUID.
func findAdapter(ifname string) (adapter, error) {
	all, err := adapters()
	if err != nil {
		return adapter{}, err
	}
	guid := strings.TrimPrefix(ifname, `\Device\NPF_`)
	for _, ad := range all {
		if strings.EqualFold(ad.Name, ifname) || strings.EqualFold(strings.TrimPrefix(ad.Device, `\Device\NPF_`), guid) {
			return ad, nil
		}
	}
	var wired []string
	for _, ad := range all {
		if ad.Wired && ad.Up {
			wired = append(wired, fmt.Sprintf("%q (%s)", ad.Name, ad.Description))
		}
	}
	if len(wired) == 0 {
		return adapter{}, fmt.Errorf("capture: no adapter named %q, and no wired Ethernet adapter has a link: plug the cable into the wall socket (Settings > Network shows the adapter names)", ifname)
	}
	return adapter{}, fmt.Errorf("capture: no adapter named %q; wired adapters with a link: %s", ifname, strings.Join(wired, ", "))
}
