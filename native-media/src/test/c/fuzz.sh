#!/usr/bin/env bash
# Fuzzes the RTP timeline with libFuzzer under ASan and UBSan (needs clang):
#   native-media/src/test/c/fuzz.sh [SECONDS]   (default 300)
# The corpus and any crash reproducers go to native-media/target/fuzz/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../../target/fuzz
mkdir -p "$out/corpus"
clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -o "$out/fuzz_timeline" "$here/fuzz_timeline.c" "$here/../../main/c/media.c"
cd "$out"
./fuzz_timeline -max_total_time="${1:-300}" -max_len=4096 -print_final_stats=1 corpus
