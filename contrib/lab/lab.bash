# SPDX-License-Identifier: GPL-2.0-or-later
#
# lab.bash: the DR lab's network, for contrib/dr-lab-guest and the
# end-to-end tests.  Each host is a network namespace with one interface,
# eth0, plugged into one bridge: a single L2 segment, as Direct Routing
# needs.  Names start with $LAB_PREFIX so that several labs never clash.
#
#   lab_init                 make the bridge
#   lab_host NAME ADDR/PLEN  make host NAME with eth0 at ADDR
#   lab_in NAME CMD...       run CMD in host NAME
#   lab_mac NAME             print the MAC address of NAME's eth0
#   lab_httpd NAME TEXT      serve TEXT at http://NAME/ on port 80
#   lab_cleanup              remove every host and the bridge
#
# Each function but lab_cleanup returns non-zero as soon as one of its
# commands fails.

LAB_PREFIX=${LAB_PREFIX:-lab-}
LAB_BRIDGE=${LAB_PREFIX}br
LAB_DIR=${LAB_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/lvsadm-lab.XXXXXX")}

lab_init() {
	lab_cleanup
	ip link add "$LAB_BRIDGE" type bridge || return
	# Forward at once: no spanning tree delay on a lab segment.
	ip link set "$LAB_BRIDGE" type bridge forward_delay 0 stp_state 0 ||
		return
	ip link set "$LAB_BRIDGE" up
}

lab_host() {
	local name=$1 addr=$2 ns=$LAB_PREFIX$1

	ip netns add "$ns" || return
	ip link add "$ns" type veth peer name eth0 netns "$ns" || return
	ip link set "$ns" master "$LAB_BRIDGE" up || return
	ip -n "$ns" link set lo up || return
	ip -n "$ns" link set eth0 up || return
	case $addr in
	*:*) ip -n "$ns" addr add "$addr" dev eth0 nodad ;;
	*) ip -n "$ns" addr add "$addr" dev eth0 ;;
	esac
}

lab_in() {
	local ns=$LAB_PREFIX$1

	shift
	ip netns exec "$ns" "$@"
}

lab_mac() {
	lab_in "$1" cat /sys/class/net/eth0/address
}

lab_httpd() {
	local name=$1 www=$LAB_DIR/www-$1

	mkdir -p "$www" || return
	printf '%s\n' "$2" >"$www/index.html" || return
	lab_in "$name" busybox httpd -p 80 -h "$www"
}

lab_cleanup() {
	local ns pid

	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		[[ $ns == "$LAB_PREFIX"* ]] || continue
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill "$pid" 2>/dev/null || true
		done
		ip netns del "$ns" 2>/dev/null || true
	done
	ip link del "$LAB_BRIDGE" 2>/dev/null || true
}
