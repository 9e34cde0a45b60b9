package snmp

// OIDs walked or read, grouped by MIB. Columns are walked one by one (not
// whole tables) so that only what the voice audit needs crosses the wire.
const (
	// SNMPv2-MIB system group scalars.
	oidSysDescr    = "1.3.6.1.2.1.1.1.0"
	oidSysObjectID = "1.3.6.1.2.1.1.2.0"
	oidSysUpTime   = "1.3.6.1.2.1.1.3.0"
	oidSysContact  = "1.3.6.1.2.1.1.4.0"
	oidSysName     = "1.3.6.1.2.1.1.5.0"
	oidSysLocation = "1.3.6.1.2.1.1.6.0"

	// IF-MIB ifTable / ifXTable columns (index ifIndex).
	oidIfDescr       = "1.3.6.1.2.1.2.2.1.2"
	oidIfType        = "1.3.6.1.2.1.2.2.1.3"
	oidIfSpeed       = "1.3.6.1.2.1.2.2.1.5"
	oidIfPhysAddress = "1.3.6.1.2.1.2.2.1.6"
	oidIfAdminStatus = "1.3.6.1.2.1.2.2.1.7"
	oidIfOperStatus  = "1.3.6.1.2.1.2.2.1.8"
	oidIfInErrors    = "1.3.6.1.2.1.2.2.1.14"
	oidIfName        = "1.3.6.1.2.1.31.1.1.1.1"
	oidIfHighSpeed   = "1.3.6.1.2.1.31.1.1.1.15"
	oidIfAlias       = "1.3.6.1.2.1.31.1.1.1.18"

	// EtherLike-MIB dot3StatsTable (index dot3StatsIndex = ifIndex).
	oidDot3AlignmentErrors = "1.3.6.1.2.1.10.7.2.1.2"
	oidDot3FCSErrors       = "1.3.6.1.2.1.10.7.2.1.3"
	oidDot3LateCollisions  = "1.3.6.1.2.1.10.7.2.1.8"
	oidDot3DuplexStatus    = "1.3.6.1.2.1.10.7.2.1.19"

	// ENTITY-MIB entPhysicalTable (index entPhysicalIndex).
	oidEntPhysicalDescr       = "1.3.6.1.2.1.47.1.1.1.1.2"
	oidEntPhysicalContainedIn = "1.3.6.1.2.1.47.1.1.1.1.4"
	oidEntPhysicalClass       = "1.3.6.1.2.1.47.1.1.1.1.5"
	oidEntPhysicalName        = "1.3.6.1.2.1.47.1.1.1.1.7"
	oidEntPhysicalSoftwareRev = "1.3.6.1.2.1.47.1.1.1.1.10"
	oidEntPhysicalSerialNum   = "1.3.6.1.2.1.47.1.1.1.1.11"
	oidEntPhysicalModelName   = "1.3.6.1.2.1.47.1.1.1.1.13"
	// entAliasMappingIdentifier, index entPhysicalIndex.logicalIndex: the
	// ifIndex instance OID (ifIndex.N) of a port entity.
	oidEntAliasMappingIdentifier = "1.3.6.1.2.1.47.1.3.2.1.2"

	// BRIDGE-MIB.
	oidDot1dBasePortIfIndex = "1.3.6.1.2.1.17.1.4.1.2"     // index dot1dBasePort
	oidDot1dTpFdbPort       = "1.3.6.1.2.1.17.4.3.1.2"     // index MAC (6 arcs)
	oidDot1dTpFdbStatus     = "1.3.6.1.2.1.17.4.3.1.3"     // 3 learned, 4 self
	oidDot1qTpFdbPort       = "1.3.6.1.2.1.17.7.1.2.2.1.2" // index fdbId.MAC
	oidDot1qTpFdbStatus     = "1.3.6.1.2.1.17.7.1.2.2.1.3"

	// Q-BRIDGE-MIB VLANs.
	oidDot1qVlanFdbID          = "1.3.6.1.2.1.17.7.1.4.2.1.3" // index timeMark.vlan
	oidDot1qVlanCurrentEgress  = "1.3.6.1.2.1.17.7.1.4.2.1.4"
	oidDot1qVlanCurrentUntag   = "1.3.6.1.2.1.17.7.1.4.2.1.5"
	oidDot1qVlanStaticName     = "1.3.6.1.2.1.17.7.1.4.3.1.1" // index vlan
	oidDot1qVlanStaticEgress   = "1.3.6.1.2.1.17.7.1.4.3.1.2"
	oidDot1qVlanStaticUntagged = "1.3.6.1.2.1.17.7.1.4.3.1.4"
	oidDot1qPvid               = "1.3.6.1.2.1.17.7.1.4.5.1.1" // index dot1dBasePort

	// LLDP-MIB.
	oidLldpLocChassisIDSubtype = "1.0.8802.1.1.2.1.3.1.0"
	oidLldpLocChassisID        = "1.0.8802.1.1.2.1.3.2.0"
	oidLldpPortConfigAdmin     = "1.0.8802.1.1.2.1.1.6.1.2" // index lldpPortConfigPortNum
	oidLldpLocPortIDSubtype    = "1.0.8802.1.1.2.1.3.7.1.2" // index lldpLocPortNum
	oidLldpLocPortID           = "1.0.8802.1.1.2.1.3.7.1.3"
	oidLldpLocPortDesc         = "1.0.8802.1.1.2.1.3.7.1.4"
	// lldpRemTable, index timeMark.localPortNum.remIndex.
	oidLldpRemChassisIDSubtype = "1.0.8802.1.1.2.1.4.1.1.4"
	oidLldpRemChassisID        = "1.0.8802.1.1.2.1.4.1.1.5"
	oidLldpRemPortIDSubtype    = "1.0.8802.1.1.2.1.4.1.1.6"
	oidLldpRemPortID           = "1.0.8802.1.1.2.1.4.1.1.7"
	oidLldpRemPortDesc         = "1.0.8802.1.1.2.1.4.1.1.8"
	oidLldpRemSysName          = "1.0.8802.1.1.2.1.4.1.1.9"
	oidLldpRemSysDesc          = "1.0.8802.1.1.2.1.4.1.1.10"
	oidLldpRemSysCapEnabled    = "1.0.8802.1.1.2.1.4.1.1.12"
	// lldpRemManAddrIfSubtype: the address is in the index
	// (timeMark.localPortNum.remIndex.addrSubtype.len.addr...).
	oidLldpRemManAddrIfSubtype = "1.0.8802.1.1.2.1.4.2.1.3"

	// LLDP-EXT-DOT1-MIB lldpXdot1RemPortVlanId (index as lldpRemTable): the
	// neighbour's port VLAN (802.1 Port VLAN ID TLV).
	oidLldpXdot1RemPortVlanID = "1.0.8802.1.1.2.1.5.32962.1.3.1.1.1"

	// LLDP-EXT-MED-MIB (1.0.8802.1.1.2.1.5.4795).
	// lldpXMedLocMediaPolicyTable, index lldpLocPortNum.appType.
	oidMedLocPolicyVlan     = "1.0.8802.1.1.2.1.5.4795.1.2.1.1.2"
	oidMedLocPolicyPriority = "1.0.8802.1.1.2.1.5.4795.1.2.1.1.3"
	oidMedLocPolicyDscp     = "1.0.8802.1.1.2.1.5.4795.1.2.1.1.4"
	oidMedLocPolicyUnknown  = "1.0.8802.1.1.2.1.5.4795.1.2.1.1.5"
	oidMedLocPolicyTagged   = "1.0.8802.1.1.2.1.5.4795.1.2.1.1.6"
	// lldpXMedRemCapabilitiesTable / MediaPolicy / Inventory, index as
	// lldpRemTable (policies add appType).
	oidMedRemDeviceClass    = "1.0.8802.1.1.2.1.5.4795.1.3.1.1.3"
	oidMedRemPolicyVlan     = "1.0.8802.1.1.2.1.5.4795.1.3.2.1.2"
	oidMedRemPolicyPriority = "1.0.8802.1.1.2.1.5.4795.1.3.2.1.3"
	oidMedRemPolicyDscp     = "1.0.8802.1.1.2.1.5.4795.1.3.2.1.4"
	oidMedRemPolicyUnknown  = "1.0.8802.1.1.2.1.5.4795.1.3.2.1.5"
	oidMedRemPolicyTagged   = "1.0.8802.1.1.2.1.5.4795.1.3.2.1.6"
	oidMedRemSoftwareRev    = "1.0.8802.1.1.2.1.5.4795.1.3.3.1.3"
	oidMedRemMfgName        = "1.0.8802.1.1.2.1.5.4795.1.3.3.1.5"
	oidMedRemModelName      = "1.0.8802.1.1.2.1.5.4795.1.3.3.1.6"

	// CISCO-CDP-MIB cdpCacheTable, index ifIndex.deviceIndex.
	oidCdpCacheAddressType  = "1.3.6.1.4.1.9.9.23.1.2.1.1.3"
	oidCdpCacheAddress      = "1.3.6.1.4.1.9.9.23.1.2.1.1.4"
	oidCdpCacheVersion      = "1.3.6.1.4.1.9.9.23.1.2.1.1.5"
	oidCdpCacheDeviceID     = "1.3.6.1.4.1.9.9.23.1.2.1.1.6"
	oidCdpCacheDevicePort   = "1.3.6.1.4.1.9.9.23.1.2.1.1.7"
	oidCdpCachePlatform     = "1.3.6.1.4.1.9.9.23.1.2.1.1.8"
	oidCdpCacheCapabilities = "1.3.6.1.4.1.9.9.23.1.2.1.1.9"
	oidCdpCacheNativeVLAN   = "1.3.6.1.4.1.9.9.23.1.2.1.1.11"
	oidCdpCacheVoiceVLAN    = "1.3.6.1.4.1.9.9.23.1.2.1.1.14" // cdpCacheVlanID: appliance VLAN

	// POWER-ETHERNET-MIB.
	// pethPsePortTable, index pethPsePortGroupIndex.pethPsePortIndex.
	oidPethPortAdminEnable     = "1.3.6.1.2.1.105.1.1.1.3"
	oidPethPortDetectionStatus = "1.3.6.1.2.1.105.1.1.1.6"
	oidPethPortPowerPriority   = "1.3.6.1.2.1.105.1.1.1.7"
	oidPethPortPowerClass      = "1.3.6.1.2.1.105.1.1.1.10"
	// pethMainPseTable, index pethMainPseGroupIndex.
	oidPethMainPower       = "1.3.6.1.2.1.105.1.3.1.1.2"
	oidPethMainOperStatus  = "1.3.6.1.2.1.105.1.3.1.1.3"
	oidPethMainConsumption = "1.3.6.1.2.1.105.1.3.1.1.4"

	// CISCO-POWER-ETHERNET-EXT-MIB cpeExtPsePortTable, index as pethPsePortTable.
	oidCpeExtPortEnable         = "1.3.6.1.4.1.9.9.402.1.2.1.1" // auto(1) static(2) limit(3) disable(4)
	oidCpeExtPortPwrMax         = "1.3.6.1.4.1.9.9.402.1.2.1.6"
	oidCpeExtPortPwrConsumption = "1.3.6.1.4.1.9.9.402.1.2.1.9"
	oidCpeExtPortEntPhyIndex    = "1.3.6.1.4.1.9.9.402.1.2.1.11"

	// CISCO-VLAN-MEMBERSHIP-MIB (index ifIndex).
	oidVmVlan        = "1.3.6.1.4.1.9.9.68.1.2.2.1.2"
	oidVmVoiceVlanID = "1.3.6.1.4.1.9.9.68.1.5.1.1.1"

	// CISCO-VTP-MIB.
	oidVtpVlanState       = "1.3.6.1.4.1.9.9.46.1.3.1.1.2" // index domain.vlan
	oidVtpVlanName        = "1.3.6.1.4.1.9.9.46.1.3.1.1.4"
	oidVlanTrunkEnabled   = "1.3.6.1.4.1.9.9.46.1.6.1.1.4" // index ifIndex, VLANs 0..1023
	oidVlanTrunkNative    = "1.3.6.1.4.1.9.9.46.1.6.1.1.5"
	oidVlanTrunkDynStatus = "1.3.6.1.4.1.9.9.46.1.6.1.1.14" // 1 trunking, 2 notTrunking
	oidVlanTrunkEncapOper = "1.3.6.1.4.1.9.9.46.1.6.1.1.16" // 1 isl, 4 dot1Q, 6 notApplicable
	oidVlanTrunkEnabled2k = "1.3.6.1.4.1.9.9.46.1.6.1.1.17" // VLANs 1024..2047
	oidVlanTrunkEnabled3k = "1.3.6.1.4.1.9.9.46.1.6.1.1.18"
	oidVlanTrunkEnabled4k = "1.3.6.1.4.1.9.9.46.1.6.1.1.19"
)
