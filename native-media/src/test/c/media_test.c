/*
 * The C entry points with ordinary and hostile arguments, built with AddressSanitizer and
 * UndefinedBehaviorSanitizer by sanitized.sh: any read or write outside a buffer, or any
 * undefined arithmetic, aborts the run. Also checks the placements' invariants over random
 * packet streams.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../main/c/media.h"

static int failures;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
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

/* Placements in out[0..n): increasing, not overlapping, within max_payload. */
static void check_run(const uint8_t *out, int64_t n, int64_t *end, int32_t max_payload) {
  int64_t at = 0;
  while (at < n) {
    CHECK(n - at >= 12);
    if (n - at < 12) return;
    int64_t pos = get64(out + at);
    int32_t len = get32(out + at + 8);
    CHECK(len > 0 && len <= max_payload);
    CHECK(pos >= *end);
    *end = pos + len;
    at += 12 + len;
  }
  CHECK(at == n);
}

static void g711(void) {
  uint8_t codes[256];
  int16_t pcm[256];
  for (int i = 0; i < 256; i++) codes[i] = (uint8_t)i;
  CHECK(vm_decode(VM_ULAW, codes, 256, pcm) == VM_OK);
  CHECK(pcm[0x00] == -32124 && pcm[0x80] == 32124 && pcm[0xff] == 0 && pcm[0x7f] == 0);
  CHECK(vm_decode(VM_ALAW, codes, 256, pcm) == VM_OK);
  CHECK(pcm[0xd5] == 8 && pcm[0x55] == -8 && pcm[0xaa] == 32256 && pcm[0x2a] == -32256);
  /* Every code but u-law's negative zero survives decode and encode. */
  for (int law = 0; law <= 1; law++) {
    uint8_t again[256];
    vm_decode(law, codes, 256, pcm);
    CHECK(vm_encode(law, pcm, 256, again) == VM_OK);
    for (int i = 0; i < 256; i++) {
      if (!(law == VM_ULAW && i == 0x7f)) CHECK(again[i] == i);
    }
  }
  CHECK(vm_decode(7, codes, 1, pcm) == VM_E_ARGUMENT);
  CHECK(vm_decode(VM_ULAW, NULL, 1, pcm) == VM_E_ARGUMENT);
  CHECK(vm_decode(VM_ULAW, codes, -1, pcm) == VM_E_ARGUMENT);
  CHECK(vm_encode(VM_ALAW, NULL, 5, codes) == VM_E_ARGUMENT);
}

static void mixing(void) {
  uint8_t legs[3 * 100];
  int16_t out[300];
  int32_t gains[3] = {65536, 65536, 65536};
  for (int i = 0; i < 300; i++) legs[i] = (uint8_t)next_random();
  CHECK(vm_mix_mono(VM_ULAW, legs, 3, 100, 100, gains, out) == VM_OK);
  CHECK(vm_mix_mono(VM_ULAW, legs, 2, 100, 100, gains, out) == VM_OK);
  CHECK(vm_interleave_pcm(VM_ALAW, legs, 3, 100, 100, out) == VM_OK);
  CHECK(vm_interleave_g711(legs, 3, 100, 100, (uint8_t *)out) == VM_OK);
  /* Two loud legs saturate rather than wrap. */
  uint8_t loud[2] = {0x80, 0x80};
  CHECK(vm_mix_mono(VM_ULAW, loud, 2, 1, 1, gains, out) == VM_OK && out[0] == 32767);
  uint8_t quiet[2] = {0x00, 0x00};
  CHECK(vm_mix_mono(VM_ULAW, quiet, 2, 1, 1, gains, out) == VM_OK && out[0] == -32768);
  CHECK(vm_mix_mono(VM_ULAW, legs, 0, 100, 100, gains, out) == VM_E_ARGUMENT);
  CHECK(vm_mix_mono(VM_ULAW, legs, 33, 100, 100, gains, out) == VM_E_ARGUMENT);
  CHECK(vm_mix_mono(VM_ULAW, legs, 3, 50, 100, gains, out) == VM_E_ARGUMENT);
  int32_t wild[3] = {1 << 30, 0, 0};
  CHECK(vm_mix_mono(VM_ULAW, legs, 3, 100, 100, wild, out) == VM_E_ARGUMENT);
  CHECK(vm_interleave_g711(NULL, 3, 100, 100, (uint8_t *)out) == VM_E_ARGUMENT);
}

static void hostile_state(void) {
  int64_t size = vm_timeline_size(8, 64);
  CHECK(size > 0);
  uint64_t *raw = malloc((size_t)size + 8);
  uint8_t *state = (uint8_t *)raw;
  static uint8_t out[1 << 16];
  uint8_t payload[64] = {0};
  /* Garbage is refused, never indexed with. */
  for (int i = 0; i < size; i++) state[i] = (uint8_t)next_random();
  CHECK(vm_timeline_add(state, size, 0, 1, 0, 1, 0, payload, 10, out, sizeof out) == VM_E_STATE);
  CHECK(vm_timeline_finish(state, size, out, sizeof out) == VM_E_STATE);
  CHECK(vm_timeline_add(NULL, size, 0, 1, 0, 1, 0, payload, 10, out, sizeof out) == VM_E_STATE);
  CHECK(vm_timeline_add(state + 1, size, 0, 1, 0, 1, 0, payload, 10, out, sizeof out) ==
        VM_E_STATE);
  CHECK(vm_timeline_init(state, size, 8, 64, 8000, 0) == VM_OK);
  CHECK(vm_timeline_add(state, size - 1, 0, 1, 0, 1, 0, payload, 10, out, sizeof out) ==
        VM_E_STATE);
  /* Arguments out of range. */
  CHECK(vm_timeline_add(state, size, -1, 1, 0, 1, 0, payload, 10, out, sizeof out) ==
        VM_E_ARGUMENT);
  CHECK(vm_timeline_add(state, size, 0, 70000, 0, 1, 0, payload, 10, out, sizeof out) ==
        VM_E_ARGUMENT);
  CHECK(vm_timeline_add(state, size, 0, 1, 1LL << 32, 1, 0, payload, 10, out, sizeof out) ==
        VM_E_ARGUMENT);
  CHECK(vm_timeline_add(state, size, 0, 1, 0, 1, 200, payload, 10, out, sizeof out) ==
        VM_E_ARGUMENT);
  CHECK(vm_timeline_add(state, size, 0, 1, 0, 1, 0, NULL, 10, out, sizeof out) == VM_E_ARGUMENT);
  CHECK(vm_timeline_add(state, size, 0, 1, 0, 1, 0, payload, 10, out, 10) == VM_E_SPACE);
  /* A payload over the limit is counted, not copied. */
  CHECK(vm_timeline_add(state, size, 0, 1, 0, 1, 0, payload, 65, out, sizeof out) == 0);
  int64_t stats[VM_STAT_COUNT];
  CHECK(vm_timeline_stats(state, size, stats) == VM_OK && stats[VM_STAT_INVALID] == 1);
  CHECK(vm_timeline_init(state, size, 0, 64, 8000, 0) == VM_E_ARGUMENT);
  CHECK(vm_timeline_init(state, size, 8, 100000, 8000, 0) == VM_E_ARGUMENT);
  CHECK(vm_timeline_init(state, size - 8, 8, 64, 8000, 0) == VM_E_ARGUMENT);
  free(raw);
}

/* Random streams: loss, reordering, duplicates, wrap, SSRC changes, jumps, other payloads. */
static void random_streams(void) {
  for (int round = 0; round < 300; round++) {
    int32_t window = 1 + (int32_t)(next_random() % 40);
    int32_t max_payload = 1 + (int32_t)(next_random() % 200);
    int64_t size = vm_timeline_size(window, max_payload);
    int64_t bound = vm_timeline_out_bound(window, max_payload);
    uint64_t *raw = malloc((size_t)size);
    uint8_t *out = malloc((size_t)bound);
    uint8_t payload[300];
    for (int i = 0; i < 300; i++) payload[i] = (uint8_t)next_random();
    CHECK(vm_timeline_init(raw, size, window, max_payload, 1 + next_random() % 20000, 0) == VM_OK);
    int32_t seq = (int32_t)(next_random() & 0xffff);
    int64_t ts = next_random();
    int64_t ssrc = next_random();
    int64_t arrival = next_random() % 1000000;
    int64_t end = 0;
    int packets = 1 + (int)(next_random() % 2000);
    for (int p = 0; p < packets; p++) {
      uint32_t r = next_random() % 100;
      int32_t s = seq;
      int64_t t = ts;
      if (r < 5) s = (seq + (int32_t)(next_random() % 50) - 25) & 0xffff; /* reorder */
      if (r == 5) s = (int32_t)(next_random() & 0xffff);                 /* wild jump */
      if (r == 6) ssrc = next_random();                                    /* new source */
      if (r == 7) t = next_random();                                      /* timestamp jump */
      int64_t len = (int64_t)(next_random() % (uint32_t)(max_payload + 20));
      if (len > 300) len = 300;
      int32_t pt = r == 8 ? 13 : 0;
      arrival += next_random() % 40000;
      int64_t n = vm_timeline_add(raw, size, arrival, s, t & 0xffffffffLL, ssrc, pt, payload, len,
                                  out, bound);
      CHECK(n >= 0 && n <= bound);
      if (n > 0) check_run(out, n, &end, max_payload);
      if (r != 9) { /* r == 9: a duplicate next time */
        seq = (seq + 1) & 0xffff;
        ts = (ts + 160) & 0xffffffffLL;
      }
    }
    int64_t n = vm_timeline_finish(raw, size, out, bound);
    CHECK(n >= 0 && n <= bound);
    if (n > 0) check_run(out, n, &end, max_payload);
    int64_t stats[VM_STAT_COUNT];
    CHECK(vm_timeline_stats(raw, size, stats) == VM_OK);
    CHECK(stats[VM_STAT_SAMPLES] == end);
    CHECK(stats[VM_STAT_PACKETS] + stats[VM_STAT_INVALID] == packets);
    free(raw);
    free(out);
  }
}

int main(void) {
  g711();
  mixing();
  hostile_state();
  random_streams();
  if (failures) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("native-media C tests: all checks passed\n");
  return 0;
}
