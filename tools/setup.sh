#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The aarch64 bare-metal runtime authors
#
# The README's two commands:
#   tools/setup.sh demo   install what is missing, boot the demo app in QEMU
#   tools/setup.sh test   install what is missing, run every test
# Installing skips what is already there, so running it again is cheap.
# Words after the mode go to scons as they are, e.g.
#   tools/setup.sh test GUNYAH=../shared/gunyah   (the real-Gunyah tests too)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-test}
case $mode in demo|test|install) ;; *)
	echo "usage: $0 demo|test|install [SCONS_ARGUMENT=VALUE ...]" >&2
	exit 2 ;;
esac
shift || true

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
need=()
want_cmd() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
want_file() { [ -e "$1" ] || need+=("$2"); }

want_cmd aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
want_cmd aarch64-linux-gnu-ld binutils-aarch64-linux-gnu
want_cmd clang clang
want_cmd ld.lld lld
want_cmd scons scons
want_cmd qemu-system-aarch64 qemu-system-arm
want_cmd qemu-aarch64 qemu-user
want_cmd clang-format clang-format
# dtc and fdtput make the device tree RM needs under the real Gunyah.
want_cmd dtc device-tree-compiler
want_cmd fdtput device-tree-compiler
want_cmd python3 python3
want_file /usr/lib/aarch64-linux-musl/rcrt1.o musl-dev:arm64
# Sanitizer and libFuzzer runtimes for the host unit tests and fuzzers.
clang_rt=$(clang -print-resource-dir 2>/dev/null || true)
want_file "${clang_rt:-/nonexistent}/lib/linux/libclang_rt.fuzzer-x86_64.a" \
	"libclang-rt-$(clang -dumpversion 2>/dev/null | cut -d. -f1 || echo 14)-dev"

if [ ${#need[@]} -gt 0 ]; then
	echo "setup: installing ${need[*]}"
	if printf '%s\n' "${need[@]}" | grep -q ':arm64$' &&
		! dpkg --print-foreign-architectures | grep -qx arm64; then
		$sudo dpkg --add-architecture arm64
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends "${need[@]}" </dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
case $mode in
install)
	;;
demo)
	scons -Q -j"$jobs" run "$@"
	;;
test)
	# scons prints its own lines after a failed test; the summary is
	# repeated last so CI reads "N passed, N failed" on the final line.
	rm -f build/test-summary.txt
	status=0
	scons -Q -j"$jobs" test "$@" || status=$?
	if [ -f build/test-summary.txt ]; then
		cat build/test-summary.txt
	else
		echo "setup: the build failed before any test ran"
		echo "0 passed, 1 failed"
		[ "$status" -ne 0 ] || status=1
	fi
	exit "$status"
	;;
esac
