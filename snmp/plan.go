package snmp

import "slices"

// column is one walked OID subtree and the stage it belongs to.
type column struct {
	stage string
	name  string
	oid   string
}

// plan is every subtree walked on a switch, in the order they are started.
// Big tables (FDB) come first so that they overlap with the many small ones.
var plan = []column{
	{stageFDB, "dot1qTpFdbPort", oidDot1qTpFdbPort},
	{stageFDB, "dot1dTpFdbPort", oidDot1dTpFdbPort},
	{stageFDB, "dot1qTpFdbStatus", oidDot1qTpFdbStatus},
	{stageFDB, "dot1dTpFdbStatus", oidDot1dTpFdbStatus},
	{stageInterfaces, "ifDescr", oidIfDescr},
	{stageInterfaces, "ifType", oidIfType},
	{stageInterfaces, "ifSpeed", oidIfSpeed},
	{stageInterfaces, "ifPhysAddress", oidIfPhysAddress},
	{stageInterfaces, "ifAdminStatus", oidIfAdminStatus},
	{stageInterfaces, "ifOperStatus", oidIfOperStatus},
	{stageInterfaces, "ifInErrors", oidIfInErrors},
	{stageInterfaces, "ifName", oidIfName},
	{stageInterfaces, "ifHighSpeed", oidIfHighSpeed},
	{stageInterfaces, "ifAlias", oidIfAlias},
	{stageEthernet, "dot3StatsDuplexStatus", oidDot3DuplexStatus},
	{stageEthernet, "dot3StatsAlignmentErrors", oidDot3AlignmentErrors},
	{stageEthernet, "dot3StatsFCSErrors", oidDot3FCSErrors},
	{stageEthernet, "dot3StatsLateCollisions", oidDot3LateCollisions},
	{stageEntity, "entPhysicalDescr", oidEntPhysicalDescr},
	{stageEntity, "entPhysicalContainedIn", oidEntPhysicalContainedIn},
	{stageEntity, "entPhysicalClass", oidEntPhysicalClass},
	{stageEntity, "entPhysicalName", oidEntPhysicalName},
	{stageEntity, "entPhysicalSoftwareRev", oidEntPhysicalSoftwareRev},
	{stageEntity, "entPhysicalSerialNum", oidEntPhysicalSerialNum},
	{stageEntity, "entPhysicalModelName", oidEntPhysicalModelName},
	{stageEntity, "entAliasMappingIdentifier", oidEntAliasMappingIdentifier},
	{stageBridge, "dot1dBasePortIfIndex", oidDot1dBasePortIfIndex},
	{stageVLANs, "dot1qVlanFdbId", oidDot1qVlanFdbID},
	{stageVLANs, "dot1qVlanCurrentEgressPorts", oidDot1qVlanCurrentEgress},
	{stageVLANs, "dot1qVlanCurrentUntaggedPorts", oidDot1qVlanCurrentUntag},
	{stageVLANs, "dot1qVlanStaticName", oidDot1qVlanStaticName},
	{stageVLANs, "dot1qVlanStaticEgressPorts", oidDot1qVlanStaticEgress},
	{stageVLANs, "dot1qVlanStaticUntaggedPorts", oidDot1qVlanStaticUntagged},
	{stageVLANs, "dot1qPvid", oidDot1qPvid},
	{stageLLDP, "lldpPortConfigAdminStatus", oidLldpPortConfigAdmin},
	{stageLLDP, "lldpLocPortIdSubtype", oidLldpLocPortIDSubtype},
	{stageLLDP, "lldpLocPortId", oidLldpLocPortID},
	{stageLLDP, "lldpLocPortDesc", oidLldpLocPortDesc},
	{stageLLDP, "lldpRemChassisIdSubtype", oidLldpRemChassisIDSubtype},
	{stageLLDP, "lldpRemChassisId", oidLldpRemChassisID},
	{stageLLDP, "lldpRemPortIdSubtype", oidLldpRemPortIDSubtype},
	{stageLLDP, "lldpRemPortId", oidLldpRemPortID},
	{stageLLDP, "lldpRemPortDesc", oidLldpRemPortDesc},
	{stageLLDP, "lldpRemSysName", oidLldpRemSysName},
	{stageLLDP, "lldpRemSysDesc", oidLldpRemSysDesc},
	{stageLLDP, "lldpRemSysCapEnabled", oidLldpRemSysCapEnabled},
	{stageLLDP, "lldpRemManAddrIfSubtype", oidLldpRemManAddrIfSubtype},
	{stageLLDP, "lldpXdot1RemPortVlanId", oidLldpXdot1RemPortVlanID},
	{stageMED, "lldpXMedLocMediaPolicyVlanID", oidMedLocPolicyVlan},
	{stageMED, "lldpXMedLocMediaPolicyPriority", oidMedLocPolicyPriority},
	{stageMED, "lldpXMedLocMediaPolicyDscp", oidMedLocPolicyDscp},
	{stageMED, "lldpXMedLocMediaPolicyUnknown", oidMedLocPolicyUnknown},
	{stageMED, "lldpXMedLocMediaPolicyTagged", oidMedLocPolicyTagged},
	{stageMED, "lldpXMedRemDeviceClass", oidMedRemDeviceClass},
	{stageMED, "lldpXMedRemMediaPolicyVlanID", oidMedRemPolicyVlan},
	{stageMED, "lldpXMedRemMediaPolicyPriority", oidMedRemPolicyPriority},
	{stageMED, "lldpXMedRemMediaPolicyDscp", oidMedRemPolicyDscp},
	{stageMED, "lldpXMedRemMediaPolicyUnknown", oidMedRemPolicyUnknown},
	{stageMED, "lldpXMedRemMediaPolicyTagged", oidMedRemPolicyTagged},
	{stageMED, "lldpXMedRemSoftwareRev", oidMedRemSoftwareRev},
	{stageMED, "lldpXMedRemMfgName", oidMedRemMfgName},
	{stageMED, "lldpXMedRemModelName", oidMedRemModelName},
	{stageCDP, "cdpCacheAddressType", oidCdpCacheAddressType},
	{stageCDP, "cdpCacheAddress", oidCdpCacheAddress},
	{stageCDP, "cdpCacheVersion", oidCdpCacheVersion},
	{stageCDP, "cdpCacheDeviceId", oidCdpCacheDeviceID},
	{stageCDP, "cdpCacheDevicePort", oidCdpCacheDevicePort},
	{stageCDP, "cdpCachePlatform", oidCdpCachePlatform},
	{stageCDP, "cdpCacheCapabilities", oidCdpCacheCapabilities},
	{stageCDP, "cdpCacheNativeVLAN", oidCdpCacheNativeVLAN},
	{stageCDP, "cdpCacheVlanID", oidCdpCacheVoiceVLAN},
	{stagePoE, "pethPsePortAdminEnable", oidPethPortAdminEnable},
	{stagePoE, "pethPsePortDetectionStatus", oidPethPortDetectionStatus},
	{stagePoE, "pethPsePortPowerPriority", oidPethPortPowerPriority},
	{stagePoE, "pethPsePortPowerClassifications", oidPethPortPowerClass},
	{stagePoE, "pethMainPsePower", oidPethMainPower},
	{stagePoE, "pethMainPseOperStatus", oidPethMainOperStatus},
	{stagePoE, "pethMainPseConsumptionPower", oidPethMainConsumption},
	{stagePoE, "cpeExtPsePortEnable", oidCpeExtPortEnable},
	{stagePoE, "cpeExtPsePortPwrMax", oidCpeExtPortPwrMax},
	{stagePoE, "cpeExtPsePortPwrConsumption", oidCpeExtPortPwrConsumption},
	{stagePoE, "cpeExtPsePortEntPhyIndex", oidCpeExtPortEntPhyIndex},
	{stageCisco, "vmVlan", oidVmVlan},
	{stageCisco, "vmVoiceVlanId", oidVmVoiceVlanID},
	{stageCisco, "vtpVlanState", oidVtpVlanState},
	{stageCisco, "vtpVlanName", oidVtpVlanName},
	{stageCisco, "vlanTrunkPortVlansEnabled", oidVlanTrunkEnabled},
	{stageCisco, "vlanTrunkPortNativeVlan", oidVlanTrunkNative},
	{stageCisco, "vlanTrunkPortDynamicStatus", oidVlanTrunkDynStatus},
	{stageCisco, "vlanTrunkPortEncapsulationOperType", oidVlanTrunkEncapOper},
	{stageCisco, "vlanTrunkPortVlansEnabled2k", oidVlanTrunkEnabled2k},
	{stageCisco, "vlanTrunkPortVlansEnabled3k", oidVlanTrunkEnabled3k},
	{stageCisco, "vlanTrunkPortVlansEnabled4k", oidVlanTrunkEnabled4k},
}

// maxColumnsPerRequest bounds the columns walked together in one request.
const maxColumnsPerRequest = 10

// walkGroups splits the plan into the column sets walked together: the
// columns of one stage (one MIB table or family), at most
// maxColumnsPerRequest each. Forwarding-table columns, the big ones, are
// walked alone so that they run in parallel with the rest.
func walkGroups(p []column) [][]column {
	var groups [][]column
	index := map[string]int{}
	for _, c := range p {
		key := c.stage
		if c.stage == stageFDB {
			key = c.oid
		}
		i, ok := index[key]
		if !ok || len(groups[i]) >= maxColumnsPerRequest {
			groups = append(groups, nil)
			i = len(groups) - 1
			index[key] = i
		}
		groups[i] = append(groups[i], c)
	}
	return groups
}

// fullPlan is plan plus LLDP-V2-MIB, the vendor VLAN tables (TP-Link,
// Juniper, RC-VLAN-MIB), the voice VLAN tables and the vendor PoE tables.
var fullPlan = slices.Concat(plan, lldpV2Plan, vendorPlan, rcVlanPlan, voicePlan, poeVendorPlan)

// Subtrees returns every OID subtree a discovery walks, in walk order, for
// baselines that walk the same subtrees with other tools (bench/).
func Subtrees() []string {
	out := make([]string, len(fullPlan))
	for i, c := range fullPlan {
		out[i] = c.oid
	}
	return out
}
