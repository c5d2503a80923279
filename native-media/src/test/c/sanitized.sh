#!/usr/bin/env bash
# Builds and runs media_test.c against media.c under AddressSanitizer and UBSan (from Maven's
# test phase). Without gcc it warns and passes: there is no native library to test then.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v "${CC:-gcc}" >/dev/null 2>&1; then
  echo "[WARNING] native-media: ${CC:-gcc} not found; C tests skipped"
  exit 0
fi
mkdir -p "$out"
"${CC:-gcc}" -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
  -fno-sanitize-recover=all -fno-omit-frame-pointer \
  -o "$out/media_test" "$here/media_test.c" "$here/../../main/c/media.c"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$out/media_test"
