/*
 * JNI entry points of io.voxhost.media.service.NativeMedia. Buffers cross as raw addresses of
 * direct buffers, taken once per buffer by address(): asking the VM for a buffer's address and
 * capacity on every call costs more than the work itself (a VM transition each, about 300 ns
 * per packet in all). The Java side checks every offset and length against its buffers; this
 * side checks what it is given once more (null, alignment, ranges) and turns a bad call into a
 * Java exception. No critical regions: nothing here blocks or holds a Java array.
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

/* The pointer at address, or NULL with an exception pending. align: 1, 2 or 8. */
static void *pointer(JNIEnv *env, jlong address, int align) {
  if (address == 0) {
    throw_named(env, "java/lang/NullPointerException", "buffer address");
    return NULL;
  }
  if ((uint64_t)address % (uint64_t)align != 0) {
    throw_named(env, "java/lang/IllegalArgumentException", "misaligned buffer");
    return NULL;
  }
  return (void *)(intptr_t)address;
}

JNIEXPORT jlong JNICALL JNI_NAME(address)(JNIEnv *env, jclass c, jobject buffer) {
  (void)c;
  if (!buffer) {
    return 0;
  }
  void *p = (*env)->GetDirectBufferAddress(env, buffer);
  return (jlong)(intptr_t)p;
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

JNIEXPORT void JNICALL JNI_NAME(timelineInit)(JNIEnv *env, jclass c, jlong state, jlong size,
                                               jint window, jint max_payload, jlong max_jump,
                                               jint payload_type) {
  (void)c;
  void *s = pointer(env, state, 8);
  if (!s) {
    return;
  }
  int r = vm_timeline_init(s, size, window, max_payload, max_jump, payload_type);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT jlong JNICALL JNI_NAME(timelineAdd)(JNIEnv *env, jclass c, jlong state, jlong size,
                                               jlong arrival_us, jint sequence, jlong timestamp,
                                               jlong ssrc, jint payload_type, jlong payload,
                                               jint payload_length, jlong out, jlong out_size) {
  (void)c;
  void *s = pointer(env, state, 8);
  if (!s) {
    return -1;
  }
  const uint8_t *p = NULL;
  if (payload_length > 0 && !(p = pointer(env, payload, 1))) {
    return -1;
  }
  uint8_t *o = pointer(env, out, 1);
  if (!o) {
    return -1;
  }
  int64_t r = vm_timeline_add(s, size, arrival_us, sequence, timestamp, ssrc, payload_type, p,
                              payload_length, o, out_size);
  if (r < 0) {
    fail(env, r);
  }
  return r;
}

JNIEXPORT jlong JNICALL JNI_NAME(timelineFinish)(JNIEnv *env, jclass c, jlong state, jlong size,
                                                  jlong out, jlong out_size) {
  (void)c;
  void *s = pointer(env, state, 8);
  uint8_t *o = s ? pointer(env, out, 1) : NULL;
  if (!o) {
    return -1;
  }
  int64_t r = vm_timeline_finish(s, size, o, out_size);
  if (r < 0) {
    fail(env, r);
  }
  return r;
}

JNIEXPORT void JNICALL JNI_NAME(timelineStats)(JNIEnv *env, jclass c, jlong state, jlong size,
                                                jlongArray stats) {
  (void)c;
  void *s = pointer(env, state, 8);
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

JNIEXPORT void JNICALL JNI_NAME(decode)(JNIEnv *env, jclass c, jint law, jlong in, jint n,
                                         jlong out) {
  (void)c;
  if (n == 0) {
    return;
  }
  const uint8_t *i = pointer(env, in, 1);
  int16_t *o = i ? pointer(env, out, 2) : NULL;
  if (!o) {
    return;
  }
  int r = vm_decode(law, i, n, o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(encode)(JNIEnv *env, jclass c, jint law, jlong in, jint n,
                                         jlong out) {
  (void)c;
  if (n == 0) {
    return;
  }
  const int16_t *i = pointer(env, in, 2);
  uint8_t *o = i ? pointer(env, out, 1) : NULL;
  if (!o) {
    return;
  }
  int r = vm_encode(law, i, n, o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(mixMono)(JNIEnv *env, jclass c, jint law, jlong legs,
                                          jint count, jint stride, jint frames, jintArray gains,
                                          jlong out) {
  (void)c;
  if (count < 1 || count > VM_MAX_LEGS || !gains || (*env)->GetArrayLength(env, gains) < count) {
    throw_named(env, "java/lang/IllegalArgumentException", "1 to 32 legs, one gain each");
    return;
  }
  if (frames == 0) {
    return;
  }
  const uint8_t *l = pointer(env, legs, 1);
  int16_t *o = l ? pointer(env, out, 2) : NULL;
  if (!o) {
    return;
  }
  jint copy[VM_MAX_LEGS];
  (*env)->GetIntArrayRegion(env, gains, 0, count, copy);
  int32_t g[VM_MAX_LEGS];
  for (int i = 0; i < count; i++) {
    g[i] = copy[i];
  }
  int r = vm_mix_mono(law, l, count, stride, frames, g, o);
  if (r < 0) {
    fail(env, r);
  }
}

/* mixMono with every gain 1.0, without copying a gains array out of the VM. */
JNIEXPORT void JNICALL JNI_NAME(mixUnity)(JNIEnv *env, jclass c, jint law, jlong legs,
                                           jint count, jint stride, jint frames, jlong out) {
  (void)c;
  if (count < 1 || count > VM_MAX_LEGS) {
    throw_named(env, "java/lang/IllegalArgumentException", "1 to 32 legs");
    return;
  }
  if (frames == 0) {
    return;
  }
  const uint8_t *l = pointer(env, legs, 1);
  int16_t *o = l ? pointer(env, out, 2) : NULL;
  if (!o) {
    return;
  }
  int32_t g[VM_MAX_LEGS];
  for (int i = 0; i < count; i++) {
    g[i] = 65536;
  }
  int r = vm_mix_mono(law, l, count, stride, frames, g, o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(interleavePcm)(JNIEnv *env, jclass c, jint law, jlong legs,
                                                jint count, jint stride, jint frames,
                                                jlong out) {
  (void)c;
  if (frames == 0) {
    return;
  }
  const uint8_t *l = pointer(env, legs, 1);
  int16_t *o = l ? pointer(env, out, 2) : NULL;
  if (!o) {
    return;
  }
  int r = vm_interleave_pcm(law, l, count, stride, frames, o);
  if (r < 0) {
    fail(env, r);
  }
}

JNIEXPORT void JNICALL JNI_NAME(interleaveG711)(JNIEnv *env, jclass c, jlong legs, jint count,
                                                 jint stride, jint frames, jlong out) {
  (void)c;
  if (frames == 0) {
    return;
  }
  const uint8_t *l = pointer(env, legs, 1);
  uint8_t *o = l ? pointer(env, out, 1) : NULL;
  if (!o) {
    return;
  }
  int r = vm_interleave_g711(l, count, stride, frames, o);
  if (r < 0) {
    fail(env, r);
  }
}
