/*
 * Voxhost media library: G.711, the RTP timeline of one call leg, mixing.
 *
 * Every entry point checks its lengths and offsets and returns a negative VM_E* code rather than
 * reading or writing outside the buffers it was given. The Java twin (io.voxhost.media.service.
 * JavaMediaLibrary) implements the same operations with the same integer arithmetic; the two must
 * produce identical bytes.
 */
#ifndef VOXHOST_MEDIA_H
#define VOXHOST_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#define VM_ULAW 0
#define VM_ALAW 1

#define VM_OK 0
#define VM_E_ARGUMENT (-1)  /* a length, offset, count or setting out of range */
#define VM_E_STATE (-2)     /* the timeline state is not one vm_timeline_init made */
#define VM_E_SPACE (-3)     /* the output buffer cannot hold what must be written */

#define VM_MAX_LEGS 32
#define VM_MAX_WINDOW 4096
#define VM_MAX_PAYLOAD 8192

/* Statistics of one leg, in this order in vm_timeline_stats's array. */
enum {
  VM_STAT_PACKETS,      /* accepted RTP packets, duplicates and late ones included */
  VM_STAT_LOST,         /* sequence numbers never received by the time their turn passed */
  VM_STAT_DUPLICATED,   /* a sequence number received again */
  VM_STAT_LATE,         /* arrived after its turn had passed (counted lost before) */
  VM_STAT_REORDERED,    /* arrived after a later sequence number, still in time */
  VM_STAT_SEGMENTS,     /* continuous stretches: a new one on an SSRC change or a large jump */
  VM_STAT_IGNORED,      /* another payload type (comfort noise, DTMF events): no audio */
  VM_STAT_INVALID,      /* refused: payload longer than the settings allow */
  VM_STAT_OVERLAPPED,   /* audio wholly before the end of what was already placed */
  VM_STAT_FIRST_ARRIVAL,/* arrival time of the first packet, microseconds; -1 before it */
  VM_STAT_SAMPLES,      /* samples placed so far, gaps included: the track's length */
  VM_STAT_COUNT
};

/* Bytes a timeline state needs for these settings, or VM_E_ARGUMENT. */
int64_t vm_timeline_size(int32_t window, int32_t max_payload);

/*
 * Makes a timeline in `state` (size bytes, at least vm_timeline_size). window: how many packets
 * after a gap are held back waiting for it (1..VM_MAX_WINDOW); max_payload: the longest payload
 * accepted (1..VM_MAX_PAYLOAD); max_jump: a timestamp that lands further than this many samples
 * from the end of the track starts a new segment placed by arrival time; payload_type: the one
 * that carries audio (0 PCMU, 8 PCMA, or a dynamic one).
 */
int vm_timeline_init(void *state, int64_t size, int32_t window, int32_t max_payload,
                     int64_t max_jump, int32_t payload_type);

/*
 * Adds one packet as it arrived and writes the placements it releases to out[0..out_size):
 * each is an int64 sample position, an int32 length and that many payload bytes, little-endian,
 * positions increasing and never overlapping. Returns the bytes written or a VM_E* code; at most
 * vm_timeline_out_bound bytes are ever written by one call.
 */
int64_t vm_timeline_add(void *state, int64_t size, int64_t arrival_us, int32_t sequence,
                        int64_t timestamp, int64_t ssrc, int32_t payload_type,
                        const uint8_t *payload, int64_t payload_length, uint8_t *out,
                        int64_t out_size);

/* Releases every packet still held back; same output and result as vm_timeline_add. */
int64_t vm_timeline_finish(void *state, int64_t size, uint8_t *out, int64_t out_size);

/* The most bytes one add or finish may write for these settings. */
int64_t vm_timeline_out_bound(int32_t window, int32_t max_payload);

/* Copies the VM_STAT_COUNT statistics. */
int vm_timeline_stats(const void *state, int64_t size, int64_t *stats);

/* G.711 bytes to 16-bit samples (host order) and back. */
int vm_decode(int law, const uint8_t *in, int64_t n, int16_t *out);
int vm_encode(int law, const int16_t *in, int64_t n, uint8_t *out);

/*
 * legs: `count` runs of `frames` G.711 bytes, leg i at legs + i * stride.
 * vm_mix_mono: out[f] = saturate(sum of round(decode(leg i) * gain_q16[i] / 65536)).
 * vm_interleave_pcm: out[f * count + i] = decode(leg i)[f].
 * vm_interleave_g711: out[f * count + i] = leg i [f], the bytes untouched.
 */
int vm_mix_mono(int law, const uint8_t *legs, int32_t count, int64_t stride, int64_t frames,
                const int32_t *gain_q16, int16_t *out);
int vm_interleave_pcm(int law, const uint8_t *legs, int32_t count, int64_t stride,
                      int64_t frames, int16_t *out);
int vm_interleave_g711(const uint8_t *legs, int32_t count, int64_t stride, int64_t frames,
                       uint8_t *out);

#endif
