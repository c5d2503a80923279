/*
 * Voxhost media library; see media.h. The Java twin mirrors this file operation for operation:
 * a change here is a change there, and the property tests compare the two.
 */
#include "media.h"

#include <pthread.h>
#include <string.h>

#define MAGIC 0x564d544cu /* "VMTL" */
#define SEEN 1024         /* sequence numbers remembered to tell a duplicate from a late one */
#define MAX_DROPOUT 3000  /* RFC 3550 A.1: a jump further ahead is a restart to confirm */
#define MAX_MISORDER 100  /* ...and one further behind too */
#define PLACEMENT_HEADER 12

typedef struct {
  int64_t seq; /* extended sequence number held here, -1 when empty */
  int64_t arrival;
  int64_t timestamp;
  int32_t length;
  int32_t payload_type;
} slot_t;

typedef struct {
  uint32_t magic;
  int32_t window;
  int32_t max_payload;
  int32_t payload_type;
  int64_t max_jump;
  int64_t size;
  int32_t started;
  int32_t bad_seq_valid;
  int64_t bad_seq;
  int64_t ssrc;
  int64_t first_arrival;
  int64_t highest; /* extended: 16-bit number plus 65536 for every wrap */
  int64_t next;    /* extended number whose turn to be placed comes next */
  int64_t seg_pos; /* the current segment's timestamp seg_ts sits at sample seg_pos */
  int64_t seg_ts;
  int64_t write_pos; /* end of the track placed so far */
  int64_t stats[VM_STAT_COUNT];
  int64_t seen[SEEN];
  /* then slot_t slots[window], then uint8_t payloads[window][max_payload] */
} timeline_t;

typedef struct {
  uint8_t *out;
  int64_t size;
  int64_t pos;
} writer_t;

/* ---- G.711 ---- */

static int16_t ulaw_decode[256];
static int16_t alaw_decode[256];
static uint8_t ulaw_encode[16384]; /* by 14-bit sample + 8192 */
static uint8_t alaw_encode[8192];  /* by 13-bit sample + 4096 */
/* Two legs at unity gain: the saturated sum of both decodes, by (leg 0 byte << 8 | leg 1 byte).
 * 128 KB each; one lookup per frame instead of two lookups, an add and a clamp. */
static int16_t ulaw_pair[65536];
static int16_t alaw_pair[65536];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static int ulaw_value(int code) {
  int u = ~code & 0xff;
  int seg = (u >> 4) & 7;
  int q = u & 15;
  int magnitude = (((2 * q + 33) << seg) - 33) * 4;
  return (u & 0x80) ? -magnitude : magnitude;
}

static int alaw_value(int code) {
  int a = code ^ 0x55;
  int seg = (a >> 4) & 7;
  int q = a & 15;
  int magnitude = (seg == 0 ? 2 * q + 1 : (2 * q + 33) << (seg - 1)) * 8;
  return (a & 0x80) ? magnitude : -magnitude;
}

/* The segment whose upper end (top[i]) is the first at or above v; 8 when above them all. */
static int segment_of(int v, const int *top) {
  for (int i = 0; i < 8; i++) {
    if (v <= top[i]) {
      return i;
    }
  }
  return 8;
}

static uint8_t ulaw_code(int sample14) {
  static const int top[8] = {0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff};
  int mask = 0xff;
  int v = sample14;
  if (v < 0) {
    v = -v;
    mask = 0x7f;
  }
  if (v > 8159) {
    v = 8159;
  }
  v += 33;
  int seg = segment_of(v, top);
  if (seg >= 8) {
    return (uint8_t)(0x7f ^ mask);
  }
  return (uint8_t)(((seg << 4) | ((v >> (seg + 1)) & 0xf)) ^ mask);
}

static uint8_t alaw_code(int sample13) {
  static const int top[8] = {0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff};
  int mask = 0xd5;
  int v = sample13;
  if (v < 0) {
    mask = 0x55;
    v = -v - 1;
  }
  int seg = segment_of(v, top);
  if (seg >= 8) {
    return (uint8_t)(0x7f ^ mask);
  }
  int code = seg << 4;
  code |= seg < 2 ? (v >> 1) & 0xf : (v >> seg) & 0xf;
  return (uint8_t)(code ^ mask);
}

static int16_t saturate(int64_t v);

static void build_tables(void) {
  for (int c = 0; c < 256; c++) {
    ulaw_decode[c] = (int16_t)ulaw_value(c);
    alaw_decode[c] = (int16_t)alaw_value(c);
  }
  for (int s = -8192; s < 8192; s++) {
    ulaw_encode[s + 8192] = ulaw_code(s);
  }
  for (int s = -4096; s < 4096; s++) {
    alaw_encode[s + 4096] = alaw_code(s);
  }
  for (int i = 0; i < 65536; i++) {
    ulaw_pair[i] = saturate((int64_t)ulaw_decode[i >> 8] + ulaw_decode[i & 0xff]);
    alaw_pair[i] = saturate((int64_t)alaw_decode[i >> 8] + alaw_decode[i & 0xff]);
  }
}

static void tables(void) {
  pthread_once(&tables_once, build_tables);
}

static const int16_t *decoder(int law) {
  tables();
  return law == VM_ALAW ? alaw_decode : ulaw_decode;
}

int vm_decode(int law, const uint8_t *in, int64_t n, int16_t *out) {
  if ((law != VM_ULAW && law != VM_ALAW) || n < 0 || (n > 0 && (!in || !out))) {
    return VM_E_ARGUMENT;
  }
  const int16_t *d = decoder(law);
  for (int64_t i = 0; i < n; i++) {
    out[i] = d[in[i]];
  }
  return VM_OK;
}

int vm_encode(int law, const int16_t *in, int64_t n, uint8_t *out) {
  if ((law != VM_ULAW && law != VM_ALAW) || n < 0 || (n > 0 && (!in || !out))) {
    return VM_E_ARGUMENT;
  }
  tables();
  /* A sample is rounded to the law's 14 or 13 bits (half up, the top clipped), as sox does. */
  if (law == VM_ULAW) {
    for (int64_t i = 0; i < n; i++) {
      int v = (in[i] + 2) >> 2;
      out[i] = ulaw_encode[(v > 8191 ? 8191 : v) + 8192];
    }
  } else {
    for (int64_t i = 0; i < n; i++) {
      int v = (in[i] + 4) >> 3;
      out[i] = alaw_encode[(v > 4095 ? 4095 : v) + 4096];
    }
  }
  return VM_OK;
}

/* ---- mixing ---- */

static int legs_valid(int law, const uint8_t *legs, int32_t count, int64_t stride,
                      int64_t frames, const void *out) {
  if ((law != VM_ULAW && law != VM_ALAW) || count < 1 || count > VM_MAX_LEGS || frames < 0 ||
      stride < frames) {
    return 0;
  }
  return frames == 0 || (legs && out);
}

static int16_t saturate(int64_t v) {
  return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

int vm_mix_mono(int law, const uint8_t *legs, int32_t count, int64_t stride, int64_t frames,
                const int32_t *gain_q16, int16_t *out) {
  if (!legs_valid(law, legs, count, stride, frames, out) || !gain_q16) {
    return VM_E_ARGUMENT;
  }
  for (int32_t i = 0; i < count; i++) {
    if (gain_q16[i] < -(1 << 24) || gain_q16[i] > (1 << 24)) {
      return VM_E_ARGUMENT;
    }
  }
  const int16_t *d = decoder(law);
  int unity = 1;
  for (int32_t i = 0; i < count; i++) {
    unity &= gain_q16[i] == 65536;
  }
  if (unity && count == 2) {
    /* (d * 65536 + 32768) >> 16 == d: the common case is the plain saturated sum. */
    const int16_t *pair = law == VM_ALAW ? alaw_pair : ulaw_pair;
    const uint8_t *a = legs;
    const uint8_t *b = legs + stride;
    for (int64_t f = 0; f < frames; f++) {
      out[f] = pair[(a[f] << 8) | b[f]];
    }
    return VM_OK;
  }
  for (int64_t f = 0; f < frames; f++) {
    int64_t sum = 0;
    for (int32_t i = 0; i < count; i++) {
      /* >> of a negative int64 is an arithmetic shift in gcc and clang, as in Java. */
      sum += ((int64_t)d[legs[i * stride + f]] * gain_q16[i] + 32768) >> 16;
    }
    out[f] = saturate(sum);
  }
  return VM_OK;
}

int vm_interleave_pcm(int law, const uint8_t *legs, int32_t count, int64_t stride,
                      int64_t frames, int16_t *out) {
  if (!legs_valid(law, legs, count, stride, frames, out)) {
    return VM_E_ARGUMENT;
  }
  const int16_t *d = decoder(law);
  if (count == 2) {
    const uint8_t *a = legs;
    const uint8_t *b = legs + stride;
    for (int64_t f = 0; f < frames; f++) {
      out[2 * f] = d[a[f]];
      out[2 * f + 1] = d[b[f]];
    }
    return VM_OK;
  }
  for (int64_t f = 0; f < frames; f++) {
    for (int32_t i = 0; i < count; i++) {
      out[f * count + i] = d[legs[i * stride + f]];
    }
  }
  return VM_OK;
}

int vm_interleave_g711(const uint8_t *legs, int32_t count, int64_t stride, int64_t frames,
                       uint8_t *out) {
  if (!legs_valid(VM_ULAW, legs, count, stride, frames, out)) {
    return VM_E_ARGUMENT;
  }
  for (int64_t f = 0; f < frames; f++) {
    for (int32_t i = 0; i < count; i++) {
      out[f * count + i] = legs[i * stride + f];
    }
  }
  return VM_OK;
}

/* ---- timeline ---- */

static int settings_valid(int32_t window, int32_t max_payload) {
  return window >= 1 && window <= VM_MAX_WINDOW && max_payload >= 1 &&
         max_payload <= VM_MAX_PAYLOAD;
}

int64_t vm_timeline_size(int32_t window, int32_t max_payload) {
  if (!settings_valid(window, max_payload)) {
    return VM_E_ARGUMENT;
  }
  return (int64_t)sizeof(timeline_t) + (int64_t)window * (int64_t)sizeof(slot_t) +
         (int64_t)window * max_payload;
}

int64_t vm_timeline_out_bound(int32_t window, int32_t max_payload) {
  if (!settings_valid(window, max_payload)) {
    return VM_E_ARGUMENT;
  }
  return ((int64_t)window + 1) * (PLACEMENT_HEADER + (int64_t)max_payload);
}

static slot_t *slots(timeline_t *t) {
  return (slot_t *)(t + 1);
}

static uint8_t *payload_of(timeline_t *t, int64_t index) {
  return (uint8_t *)(slots(t) + t->window) + index * t->max_payload;
}

static int64_t index_of(const timeline_t *t, int64_t seq) {
  int64_t i = seq % t->window;
  return i < 0 ? i + t->window : i;
}

static int64_t seen_index(int64_t seq) {
  int64_t i = seq % SEEN;
  return i < 0 ? i + SEEN : i;
}

/* The state as vm_timeline_init left it, or NULL: never index with fields nobody checked. */
static timeline_t *checked(void *state, int64_t size) {
  if (!state || ((uintptr_t)state & 7) != 0 || size < (int64_t)sizeof(timeline_t)) {
    return NULL;
  }
  timeline_t *t = state;
  if (t->magic != MAGIC || !settings_valid(t->window, t->max_payload) || t->size != size ||
      vm_timeline_size(t->window, t->max_payload) > size || t->next < 0 || t->highest < 0 ||
      t->highest - t->next >= t->window || t->next - t->highest > 1) {
    return NULL;
  }
  return t;
}

int vm_timeline_init(void *state, int64_t size, int32_t window, int32_t max_payload,
                     int64_t max_jump, int32_t payload_type) {
  int64_t need = vm_timeline_size(window, max_payload);
  if (need < 0 || !state || ((uintptr_t)state & 7) != 0 || size < need || max_jump < 1 ||
      payload_type < 0 || payload_type > 127) {
    return VM_E_ARGUMENT;
  }
  memset(state, 0, (size_t)need);
  timeline_t *t = state;
  t->magic = MAGIC;
  t->window = window;
  t->max_payload = max_payload;
  t->payload_type = payload_type;
  t->max_jump = max_jump;
  t->size = size;
  t->stats[VM_STAT_FIRST_ARRIVAL] = -1;
  for (int32_t i = 0; i < window; i++) {
    slots(t)[i].seq = -1;
  }
  for (int i = 0; i < SEEN; i++) {
    t->seen[i] = -1;
  }
  return VM_OK;
}

static void put64(uint8_t *p, int64_t v) {
  for (int i = 0; i < 8; i++) {
    p[i] = (uint8_t)((uint64_t)v >> (8 * i));
  }
}

static void put32(uint8_t *p, int32_t v) {
  for (int i = 0; i < 4; i++) {
    p[i] = (uint8_t)((uint32_t)v >> (8 * i));
  }
}

static int64_t arrival_position(const timeline_t *t, int64_t arrival) {
  /* Microseconds to samples at 8 kHz: 1 sample = 125 us. */
  return arrival <= t->first_arrival ? 0 : (arrival - t->first_arrival) / 125;
}

static void new_segment(timeline_t *t, int64_t arrival, int64_t timestamp) {
  int64_t by_arrival = arrival_position(t, arrival);
  t->seg_pos = by_arrival > t->write_pos ? by_arrival : t->write_pos;
  t->seg_ts = timestamp;
  t->stats[VM_STAT_SEGMENTS]++;
}

static void place(timeline_t *t, int64_t index, writer_t *w) {
  slot_t *s = &slots(t)[index];
  if (s->length < 0 || s->length > t->max_payload) {
    t->stats[VM_STAT_INVALID]++; /* only a state written by someone else can hold this */
    return;
  }
  if (s->payload_type != t->payload_type) {
    t->stats[VM_STAT_IGNORED]++;
    return;
  }
  uint32_t difference = (uint32_t)(s->timestamp - t->seg_ts);
  int64_t relative = difference >= 0x80000000u ? (int64_t)difference - 0x100000000LL
                                               : (int64_t)difference;
  int64_t pos = t->seg_pos + relative;
  /* From the end of the track, or from a segment's start that lies beyond it (after a hold). */
  int64_t reference = t->seg_pos > t->write_pos ? t->seg_pos : t->write_pos;
  if (pos - reference > t->max_jump || reference - pos > t->max_jump) {
    new_segment(t, s->arrival, s->timestamp);
    pos = t->seg_pos;
  }
  int64_t offset = 0;
  int64_t length = s->length;
  if (pos < t->write_pos) {
    int64_t trim = t->write_pos - pos;
    if (trim >= length) {
      t->stats[VM_STAT_OVERLAPPED]++;
      return;
    }
    offset = trim;
    pos = t->write_pos;
    length -= trim;
  }
  if (length == 0) {
    return;
  }
  /* The caller made sure out holds vm_timeline_out_bound bytes; this never fails then. */
  if (w->size - w->pos < PLACEMENT_HEADER + length) {
    return;
  }
  put64(w->out + w->pos, pos);
  put32(w->out + w->pos + 8, (int32_t)length);
  memcpy(w->out + w->pos + PLACEMENT_HEADER, payload_of(t, index) + offset, (size_t)length);
  w->pos += PLACEMENT_HEADER + length;
  t->write_pos = pos + length;
  t->stats[VM_STAT_SAMPLES] = t->write_pos;
}

static void drain(timeline_t *t, writer_t *w) {
  for (;;) {
    int64_t i = index_of(t, t->next);
    if (slots(t)[i].seq != t->next) {
      return;
    }
    place(t, i, w);
    slots(t)[i].seq = -1;
    t->next++;
  }
}

/* Gives up waiting for everything before target: held packets are placed, missing ones lost. */
static void advance(timeline_t *t, int64_t target, writer_t *w) {
  while (t->next < target) {
    int64_t i = index_of(t, t->next);
    if (slots(t)[i].seq == t->next) {
      place(t, i, w);
      slots(t)[i].seq = -1;
    } else {
      t->stats[VM_STAT_LOST]++;
    }
    t->next++;
  }
  if (t->highest < t->next - 1) {
    t->highest = t->next - 1;
  }
  drain(t, w);
}

static void flush_all(timeline_t *t, writer_t *w) {
  advance(t, t->highest + 1, w);
}

/* Numbers every later packet from sequence, above all numbers used so far. */
static void restart_sequence(timeline_t *t, int32_t sequence) {
  int64_t base = t->next - (t->next & 0xffff) + 65536;
  t->highest = base + sequence;
  t->next = t->highest;
  t->bad_seq_valid = 0;
}

int64_t vm_timeline_add(void *state, int64_t size, int64_t arrival_us, int32_t sequence,
                        int64_t timestamp, int64_t ssrc, int32_t payload_type,
                        const uint8_t *payload, int64_t payload_length, uint8_t *out,
                        int64_t out_size) {
  timeline_t *t = checked(state, size);
  if (!t) {
    return VM_E_STATE;
  }
  if (arrival_us < 0 || sequence < 0 || sequence > 0xffff || timestamp < 0 ||
      timestamp > 0xffffffffLL || ssrc < 0 || ssrc > 0xffffffffLL || payload_type < 0 ||
      payload_type > 127 || payload_length < 0 || (payload_length > 0 && !payload) || !out) {
    return VM_E_ARGUMENT;
  }
  if (out_size < vm_timeline_out_bound(t->window, t->max_payload)) {
    return VM_E_SPACE;
  }
  if (payload_length > t->max_payload) {
    t->stats[VM_STAT_INVALID]++;
    return 0;
  }
  writer_t w = {out, out_size, 0};
  if (!t->started) {
    t->started = 1;
    t->ssrc = ssrc;
    t->first_arrival = arrival_us;
    t->stats[VM_STAT_FIRST_ARRIVAL] = arrival_us;
    t->highest = 65536 + sequence;
    t->next = t->highest;
    t->seg_pos = 0;
    t->seg_ts = timestamp;
    t->stats[VM_STAT_SEGMENTS] = 1;
  } else if (ssrc != t->ssrc) {
    flush_all(t, &w);
    restart_sequence(t, sequence);
    t->ssrc = ssrc;
    new_segment(t, arrival_us, timestamp);
  }
  t->stats[VM_STAT_PACKETS]++;
  int32_t delta = (sequence - (int32_t)(t->highest & 0xffff)) & 0xffff;
  if (delta >= 32768) {
    delta -= 65536;
  }
  if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
    if (t->bad_seq_valid && t->bad_seq == sequence) {
      /* Two in a row from the new numbering: the sender restarted it. */
      flush_all(t, &w);
      restart_sequence(t, sequence);
      delta = 0;
    } else {
      t->bad_seq = (sequence + 1) & 0xffff;
      t->bad_seq_valid = 1;
      t->stats[VM_STAT_LATE]++;
      return w.pos;
    }
  }
  t->bad_seq_valid = 0;
  int64_t seq = t->highest + delta;
  if (seq < t->next) {
    t->stats[t->seen[seen_index(seq)] == seq ? VM_STAT_DUPLICATED : VM_STAT_LATE]++;
    return w.pos;
  }
  if (seq >= t->next + t->window) {
    advance(t, seq - t->window + 1, &w);
  }
  int64_t i = index_of(t, seq);
  slot_t *s = &slots(t)[i];
  if (s->seq == seq) {
    t->stats[VM_STAT_DUPLICATED]++;
    return w.pos;
  }
  if (seq < t->highest) {
    t->stats[VM_STAT_REORDERED]++;
  } else {
    t->highest = seq;
  }
  s->seq = seq;
  s->arrival = arrival_us;
  s->timestamp = timestamp;
  s->length = (int32_t)payload_length;
  s->payload_type = payload_type;
  if (payload_length > 0) {
    memcpy(payload_of(t, i), payload, (size_t)payload_length);
  }
  t->seen[seen_index(seq)] = seq;
  drain(t, &w);
  return w.pos;
}

int64_t vm_timeline_finish(void *state, int64_t size, uint8_t *out, int64_t out_size) {
  timeline_t *t = checked(state, size);
  if (!t) {
    return VM_E_STATE;
  }
  if (!out) {
    return VM_E_ARGUMENT;
  }
  if (out_size < vm_timeline_out_bound(t->window, t->max_payload)) {
    return VM_E_SPACE;
  }
  writer_t w = {out, out_size, 0};
  if (t->started) {
    flush_all(t, &w);
  }
  return w.pos;
}

int vm_timeline_stats(const void *state, int64_t size, int64_t *stats) {
  timeline_t *t = checked((void *)state, size);
  if (!t) {
    return VM_E_STATE;
  }
  if (!stats) {
    return VM_E_ARGUMENT;
  }
  memcpy(stats, t->stats, sizeof t->stats);
  return VM_OK;
}
