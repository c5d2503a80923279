#!/usr/bin/env bash
# Builds libvoxmedia.so into the jar's META-INF/native/linux-x86_64/, from the Maven build:
#   build.sh <classes dir> <java home> [extra CFLAGS...]
# Without gcc, or on another platform, it warns and builds nothing: the Java twin then serves.
set -euo pipefail
classes=$1
java_home=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
  echo "[WARNING] native-media: no native library for $(uname -s)-$(uname -m); the Java twin will serve"
  exit 0
fi
if ! command -v "${CC:-gcc}" >/dev/null 2>&1; then
  echo "[WARNING] native-media: ${CC:-gcc} not found; no native library, the Java twin will serve"
  exit 0
fi
include=$java_home/include
if [ ! -f "$include/jni.h" ]; then
  echo "[WARNING] native-media: no jni.h under $include; no native library, the Java twin will serve"
  exit 0
fi
out=$classes/META-INF/native/linux-x86_64
mkdir -p "$out"
"${CC:-gcc}" -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden \
  -I"$include" -I"$include/linux" "$@" \
  -o "$out/libvoxmedia.so" "$here/media.c" "$here/media_jni.c"
echo "native-media: built $out/libvoxmedia.so"
