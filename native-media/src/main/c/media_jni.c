/*
 * JNI entry points of io.voxhost.media.service.NativeMedia. Each one resolves its direct buffers,
 * checks every offset and length against their capacity, and turns a bad argument into a Java
 * exception. No critical regions: only direct buffers and small array copies cross.
 */
#include <jni.h>
#include <stdint.h>

#include "media.h"

#define JNI_NAME(name) Java_io_voxhost_media_service_NativeMedia_##name

static void throw_named(JNIEnv *env, const char *type, const char *message) {
  jclass c = (*env)->FindClass(env, type);
  if (c) {
    (*env)->ThrowNew(env, c, message);
  }
}

static void fail(JNIEnv *env, int64_t code) {
  if (code == VM_E_STATE) {
    throw_named(env, "java/lang/IllegalStateException", "not a timeline state");
  } else if (code == VM_E_SPACE) {
    throw_named(env, "java/lang/IllegalArgumentException", "output buffer too small");
  } else {
    throw_named(env, "java/lang/IllegalArgumentException", "argument out of range");
  }
}

/*
 * The address of bytes [offset, offset + length) of a direct buffer, or NULL with an exception
 * pending. align: 1, or 2 for 16-bit samples.
 */
static uint8_t *region(JNIEnv *env, jobject buffer, jlong offset, jlong length, int align) {
  if (!buffer) {
    throw_named(env, "java/lang/NullPointerException", "buffer");
    return NULL;
  }
  uint8_t *base = (*env)->GetDirectBufferAddress(env, buffer);
  jlong capacity = (*env)->GetDirectBufferCapacity(env, buffer);
  if (!base || capacity < 0) {
    throw_named(env, "java/lang/IllegalArgumentException", "not a direct buffer");
    return NULL;
  }
  if (offset < 0 || length < 0 || offset > capacity || length > capacity - offset) {
    throw_named(env, "java/lang/IndexOutOfBoundsException", "region outside the buffer");
    return NULL;
  }
  if (((uintptr_t)(base + offset)) % (uintptr_t)align != 0) {
    throw_named(env, "java/lang/IllegalArgumentException", "misaligned samples");
    return NULL;
  }
  return base + offset;
}

JNIEXPORT jlong JNICALL JNI_NAME(timelineSize)(JNIEnv *env, jclass c, jint window,
                                                jint max_payload) {
  (void)env;
  (void)c;
  return vm_timeline_size(window, max_payload);
}

JNIEXPORT jlong JNICALL JNI_NAME(timelineOutBound)(JNIEnv *env, jclass c, jint window,
                                                    jint max_payload) {
  (void)env;
  (void)c;
  return vm_timeline_out_bound(window, max_payload);
}

JNIEXPORT void JNICALL JNI_NAME(timelineInit)(JNIEnv *env, jclass c, jobject state, jint window,
                                               jint max_payload, jlong max_jump,
                                               jint payload_type) {
  (void)c;
  jlong size = state ? (*env)->GetDirectBufferCapacity(env, state) : -1;
  uint8_t *s = region(env, state, 0, size < 0 ? 0 : size, 8);
  if (!s) {
    return;
  }
  int r = vm_timeline_init(s, size, window, max_payload, max_jump, payload_type);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT jlong JNICALL JNI_NAME(timelineAdd)(JNIEnv *env, jclass c, jobject state,
                                               jlong arrival_us, jint sequence,
                                               jlong timestamp, jlong ssrc, jint payload_type,
                                               jobject payload, jint payload_offset,
                                               jint payload_length, jobject out,
                                               jint out_offset) {
  (void)c;
  jlong size = state ? (*env)->GetDirectBufferCapacity(env, state) : -1;
  uint8_t *s = region(env, state, 0, size < 0 ? 0 : size, 8);
  if (!s) {
    return -1;
  }
  const uint8_t *p = region(env, payload, payload_offset, payload_length, 1);
  if (!p) {
    return -1;
  }
  jlong out_capacity = out ? (*env)->GetDirectBufferCapacity(env, out) : -1;
  uint8_t *o = region(env, out, out_offset, out_capacity < out_offset ? 0 : out_capacity - out_offset, 1);
  if (!o) {
    return -1;
  }
  int64_t r = vm_timeline_add(s, size, arrival_us, sequence, timestamp, ssrc, payload_type, p,
                              payload_length, o, out_capacity - out_offset);
  if (r < 0) {
    fail(env, r);
  }
  return r;
}

JNIEXPORT jlong JNICALL JNI_NAME(timelineFinish)(JNIEnv *env, jclass c, jobject state,
                                                  jobject out, jint out_offset) {
  (void)c;
  jlong size = state ? (*env)->GetDirectBufferCapacity(env, state) : -1;
  uint8_t *s = region(env, state, 0, size < 0 ? 0 : size, 8);
  if (!s) {
    return -1;
  }
  jlong out_capacity = out ? (*env)->GetDirectBufferCapacity(env, out) : -1;
  uint8_t *o = region(env, out, out_offset, out_capacity < out_offset ? 0 : out_capacity - out_offset, 1);
  if (!o) {
    return -1;
  }
  int64_t r = vm_timeline_finish(s, size, o, out_capacity - out_offset);
  if (r < 0) {
    fail(env, r);
  }
  return r;
}

JNIEXPORT void JNICALL JNI_NAME(timelineStats)(JNIEnv *env, jclass c, jobject state,
                                                jlongArray stats) {
  (void)c;
  jlong size = state ? (*env)->GetDirectBufferCapacity(env, state) : -1;
  uint8_t *s = region(env, state, 0, size < 0 ? 0 : size, 8);
  if (!s) {
    return;
  }
  if (!stats || (*env)->GetArrayLength(env, stats) < VM_STAT_COUNT) {
    throw_named(env, "java/lang/IllegalArgumentException", "statistics array too short");
    return;
  }
  int64_t values[VM_STAT_COUNT];
  int r = vm_timeline_stats(s, size, values);
  if (r < 0) {
    fail(env, r);
    return;
  }
  jlong copy[VM_STAT_COUNT];
  for (int i = 0; i < VM_STAT_COUNT; i++) {
    copy[i] = values[i];
  }
  (*env)->SetLongArrayRegion(env, stats, 0, VM_STAT_COUNT, copy);
}

JNIEXPORT void JNICALL JNI_NAME(decode)(JNIEnv *env, jclass c, jint law, jobject in,
                                         jint in_offset, jint n, jobject out, jint out_offset) {
  (void)c;
  const uint8_t *i = region(env, in, in_offset, n, 1);
  if (!i) {
    return;
  }
  uint8_t *o = region(env, out, out_offset, 2 * (jlong)n, 2);
  if (!o) {
    return;
  }
  int r = vm_decode(law, i, n, (int16_t *)(void *)o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(encode)(JNIEnv *env, jclass c, jint law, jobject in,
                                         jint in_offset, jint n, jobject out, jint out_offset) {
  (void)c;
  const uint8_t *i = region(env, in, in_offset, 2 * (jlong)n, 2);
  if (!i) {
    return;
  }
  uint8_t *o = region(env, out, out_offset, n, 1);
  if (!o) {
    return;
  }
  int r = vm_encode(law, (const int16_t *)(const void *)i, n, o);
  if (r < 0) {
    fail(env, r);
  }
}

/* legs + (count - 1) * stride + frames bytes, checked without overflow. */
static const uint8_t *legs_region(JNIEnv *env, jobject legs, jint offset, jint count,
                                  jint stride, jint frames) {
  if (count < 1 || count > VM_MAX_LEGS || stride < 0 || frames < 0 || stride < frames) {
    throw_named(env, "java/lang/IllegalArgumentException", "legs out of range");
    return NULL;
  }
  return region(env, legs, offset, (jlong)(count - 1) * stride + frames, 1);
}

JNIEXPORT void JNICALL JNI_NAME(mixMono)(JNIEnv *env, jclass c, jint law, jobject legs,
                                          jint legs_offset, jint count, jint stride,
                                          jint frames, jintArray gains, jobject out,
                                          jint out_offset) {
  (void)c;
  const uint8_t *l = legs_region(env, legs, legs_offset, count, stride, frames);
  if (!l) {
    return;
  }
  if (!gains || (*env)->GetArrayLength(env, gains) < count) {
    throw_named(env, "java/lang/IllegalArgumentException", "one gain per leg");
    return;
  }
  jint copy[VM_MAX_LEGS];
  (*env)->GetIntArrayRegion(env, gains, 0, count, copy);
  int32_t g[VM_MAX_LEGS];
  for (int i = 0; i < count; i++) {
    g[i] = copy[i];
  }
  uint8_t *o = region(env, out, out_offset, 2 * (jlong)frames, 2);
  if (!o) {
    return;
  }
  int r = vm_mix_mono(law, l, count, stride, frames, g, (int16_t *)(void *)o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(interleavePcm)(JNIEnv *env, jclass c, jint law, jobject legs,
                                                jint legs_offset, jint count, jint stride,
                                                jint frames, jobject out, jint out_offset) {
  (void)c;
  const uint8_t *l = legs_region(env, legs, legs_offset, count, stride, frames);
  if (!l) {
    return;
  }
  uint8_t *o = region(env, out, out_offset, 2 * (jlong)frames * count, 2);
  if (!o) {
    return;
  }
  int r = vm_interleave_pcm(law, l, count, stride, frames, (int16_t *)(void *)o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(interleaveG711)(JNIEnv *env, jclass c, jobject legs,
                                                 jint legs_offset, jint count, jint stride,
                                                 jint frames, jobject out, jint out_offset) {
  (void)c;
  const uint8_t *l = legs_region(env, legs, legs_offset, count, stride, frames);
  if (!l) {
    return;
  }
  uint8_t *o = region(env, out, out_offset, (jlong)frames * count, 1);
  if (!o) {
    return;
  }
  int r = vm_interleave_g711(l, count, stride, frames, o);
  if (r < 0) {
    fail(env, r);
  }
}
