/*
 * libFuzzer target for the RTP timeline (vm_timeline_add / finish / stats): build and run with
 * fuzz.sh. The input is settings, then packets; in one mode in eight the state itself is taken
 * from the input, as a damaged or forged state would be. Any memory error (ASan), undefined
 * behaviour (UBSan) or broken invariant of the placements aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../main/c/media.h"

static const uint8_t *in;
static size_t left;

static uint32_t take(int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; i++) {
    v = (v << 8) | (left ? (left--, *in++) : 0);
  }
  return v;
}

static int64_t get64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
  return (int64_t)v;
}

static int32_t get32(const uint8_t *p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
  return (int32_t)v;
}

static void check_run(const uint8_t *out, int64_t n, int64_t bound, int64_t *end, int32_t max) {
  if (n < 0 || n > bound) abort();
  int64_t at = 0;
  while (at < n) {
    if (n - at < 12) abort();
    int64_t pos = get64(out + at);
    int32_t len = get32(out + at + 8);
    if (len <= 0 || len > max || pos < *end || len > n - at - 12) abort();
    *end = pos + len;
    at += 12 + len;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  in = data;
  left = size;
  uint32_t mode = take(1);
  int32_t window = 1 + (int32_t)(take(1) % 64);
  int32_t max_payload = 1 + (int32_t)(take(1) % 255);
  int64_t max_jump = 1 + take(3);
  int64_t state_size = vm_timeline_size(window, max_payload);
  int64_t bound = vm_timeline_out_bound(window, max_payload);
  uint64_t *state = calloc(1, (size_t)state_size);
  uint8_t *out = malloc((size_t)bound);
  uint8_t payload[512];
  int forged = (mode & 7) == 0;
  if (vm_timeline_init(state, state_size, window, max_payload, max_jump, 0) != VM_OK) abort();
  if (forged) {
    /* Keep the header that passes checks some of the time, fill the rest from the input. */
    size_t n = left < (size_t)state_size ? left : (size_t)state_size;
    size_t from = (mode >> 3) & 1 ? 0 : 16;
    if (n > from) memcpy((uint8_t *)state + from, in, n - from);
    in += n;
    left -= n;
  }
  int64_t end = 0;
  int64_t arrival = 0;
  while (left > 0) {
    uint32_t flags = take(1);
    int32_t seq = (int32_t)take(2);
    int64_t ts = take(4);
    int64_t ssrc = take(1) & 3;
    int32_t pt = (int32_t)(take(1) & 0x7f);
    int64_t len = take(1) + (flags & 1 ? 256 : 0);
    arrival += take(2) * 10;
    for (int64_t i = 0; i < len && i < (int64_t)sizeof payload; i++) payload[i] = (uint8_t)i;
    int64_t n = vm_timeline_add(state, state_size, arrival, seq, ts, ssrc, pt % 3 ? 0 : pt,
                                payload, len > 512 ? 512 : len, out, bound);
    if (forged) {
      if (n < 0 && n != VM_E_STATE) abort();
      if (n < 0) break;
      if (n > bound) abort();
      continue; /* a forged state promises nothing about order, only about memory */
    }
    check_run(out, n, bound, &end, max_payload);
  }
  int64_t n = vm_timeline_finish(state, state_size, out, bound);
  if (!forged) {
    check_run(out, n, bound, &end, max_payload);
    int64_t stats[VM_STAT_COUNT];
    if (vm_timeline_stats(state, state_size, stats) != VM_OK) abort();
    if (stats[VM_STAT_SAMPLES] != end) abort();
  }
  free(state);
  free(out);
  return 0;
}
