#!/usr/bin/env bash
# Builds and installs the cmmm C library: header, shared and static library, pkg-config files.
#
#   scripts/install-c.sh [--debug] PREFIX
#
# PREFIX/include/cmmm.h
# PREFIX/lib/libcmmm.so.0.N, libcmmm.so   (the shared library and its link-time name)
# PREFIX/lib/libcmmm.a                    (the static library)
# PREFIX/lib/pkgconfig/cmmm.pc            (links the shared library)
# PREFIX/lib/pkgconfig/cmmm-static.pc     (links the static library and its system libraries)
#
# Then: cc app.c $(pkg-config --cflags --libs cmmm)   (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig
# unless PREFIX is a system prefix; at run time the loader must find PREFIX/lib: ldconfig,
# LD_LIBRARY_PATH or -Wl,-rpath). --debug installs an unoptimised build (used by the tests).
set -euo pipefail

usage() { echo "usage: $0 [--debug] PREFIX" >&2; exit 2; }

profile=release
case "${1:-}" in
    --debug) profile=debug; shift ;;
    -h|--help) usage ;;
esac
[ $# -eq 1 ] || usage
prefix=$1
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

cd "$(dirname "$0")/.."
crate=crates/cmmm-ffi
cargo=${CARGO:-cargo}

cargo_profile=()
[ "$profile" = release ] && cargo_profile=(--release)

# One build of the library (cdylib, staticlib, rlib); rustc also prints the system libraries
# a program linking the static library needs.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! "$cargo" rustc -p cmmm-ffi --lib --locked "${cargo_profile[@]}" -- --print native-static-libs \
        >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
native_libs=$(sed -n 's/^note: native-static-libs: //p' "$log" | tail -n 1)
if [ -z "$native_libs" ]; then
    echo "install-c: rustc did not print the native static libraries" >&2
    cat "$log" >&2
    exit 1
fi

target_dir=${CARGO_TARGET_DIR:-$("$cargo" metadata --format-version 1 --no-deps --locked |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')}
case "$target_dir" in
    /*) ;;
    *) target_dir="$(pwd)/$target_dir" ;;
esac
built="$target_dir/$profile"
pkgid=$("$cargo" pkgid -p cmmm-ffi)
version=${pkgid##*[#@]}

# The shared library's SONAME (set by crates/cmmm-ffi/build.rs), e.g. libcmmm.so.0.1.
soname=$(objdump -p "$built/libcmmm_ffi.so" 2>/dev/null | sed -n 's/^ *SONAME *//p' || true)
if [ -z "$soname" ]; then
    # No objdump: the same rule as build.rs.
    major=${version%%.*}
    minor=${version#*.}
    minor=${minor%%.*}
    if [ "$major" = 0 ]; then soname="libcmmm.so.0.$minor"; else soname="libcmmm.so.$major"; fi
fi

install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 "$crate/include/cmmm.h" "$prefix/include/cmmm.h"
install -m 644 "$built/libcmmm_ffi.a" "$prefix/lib/libcmmm.a"
install -m 755 "$built/libcmmm_ffi.so" "$prefix/lib/$soname"
if [ "$soname" != libcmmm.so ]; then
    ln -sfn "$soname" "$prefix/lib/libcmmm.so"
fi
for pc in cmmm cmmm-static; do
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" \
        -e "s|@NATIVE_STATIC_LIBS@|$native_libs|g" \
        "$crate/$pc.pc.in" >"$prefix/lib/pkgconfig/$pc.pc"
    chmod 644 "$prefix/lib/pkgconfig/$pc.pc"
done

echo "installed cmmm $version ($profile) into $prefix"
echo "  header:     $prefix/include/cmmm.h"
echo "  libraries:  $prefix/lib/$soname, $prefix/lib/libcmmm.a"
echo "  pkg-config: $prefix/lib/pkgconfig/cmmm.pc, cmmm-static.pc"
