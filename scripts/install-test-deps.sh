#!/bin/bash
# Installs, with apt-get, the real peers and tools the tests talk to.
# Only what is missing is installed; nothing happens when all is present.
# Root is needed for apt-get; without it the missing list is printed and the
# script exits 0 so that an unprivileged developer still runs the unit tests
# (lab tests then skip and say why, except under CI=true where they fail).
set -euo pipefail

PACKAGES=(
  snmpsim          # snmpsimd: serves the real .snmprec recordings
  snmp             # net-snmp tools: snmpbulkwalk, the speed baseline and agent oracle
  snmpd            # real agent (AgentX master) for the live LLDP-MIB lab
  lldpd            # real LLDP/LLDP-MED/CDP peer in network namespaces
  ladvd            # second LLDP/CDP implementation
  dnsmasq          # DHCP servers for the probe tests
  openssh-server   # sshd for the driver apply tests
  sshpass
  iproute2         # ip netns, veth
  ethtool
  iputils-ping
  tcpdump
  tshark           # reference decoder for LLDP/CDP frames
  tmux             # end-to-end terminal UI tests
  poppler-utils    # pdftotext / pdftoppm for the report tests
  chromium         # headless render of the HTML report (network-request check, PNG for review)
  fonts-dejavu-core
  python3-scapy    # Cisco-like CDP frames with a voice VLAN (lldpd/ladvd cannot send those)
  gnome-keyring libsecret-tools dbus-daemon  # real Secret Service for the inventory's keyring references
  wine wine64      # runs the windows/amd64 build (cmd/voxlan wine_test.go)
  gcc-mingw-w64-x86-64-win32  # builds bcryptprimitives.dll for Wine 8.0, which lacks the one Go needs
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "test dependencies missing (need root to install): ${missing[*]}" >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
fi

echo "test dependencies: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test dependencies: installed ${#missing[@]} packages"
