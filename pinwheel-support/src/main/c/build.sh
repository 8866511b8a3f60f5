#!/bin/sh
# Builds the JNI library of NativeInflater into $1 (the module's classes, so it ships in the jar)
# for this machine's platform, with the JDK's headers from $2 (java.home). Without a C compiler, or
# on a platform the loader does not name, it builds nothing: pinwheel then inflates with the JDK's
# zlib, which gives the same bytes more slowly.
set -eu
out="$1"; jdk="$2"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-amd64 ;;
  Linux-aarch64) platform=linux-aarch64 ;;
  *) echo "pinwheel-support: no native inflater for $(uname -s)-$(uname -m)"; exit 0 ;;
esac
cc="${CC:-cc}"
if ! command -v "$cc" >/dev/null 2>&1 || [ ! -f "$jdk/include/jni.h" ]; then
  echo "pinwheel-support: no C compiler or no jni.h; the JDK's zlib will inflate wheels"
  exit 0
fi
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out/$platform"
"$cc" -O2 -shared -fPIC -Wall -Werror -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$out/$platform/libpinwheel-inflate.so" "$here/pinwheel_inflate.c" -ldl
