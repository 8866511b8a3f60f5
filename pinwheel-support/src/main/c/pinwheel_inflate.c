/*
 * JNI glue between dev.pinwheel.support.NativeInflater and libdeflate, the whole-buffer DEFLATE
 * decoder (about 2.5 times zlib's speed on wheel contents). libdeflate is opened with dlopen, so
 * this library builds without its headers and loads where libdeflate is missing (link() then
 * answers false and the JDK's zlib does the work).
 */
#include <jni.h>
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

typedef void *(*alloc_fn)(void);
typedef void (*free_fn)(void *);
/* libdeflate_deflate_decompress_ex: 0 success, 1 bad data, 2 short output, 3 no space. */
typedef int (*decompress_fn)(void *, const void *, size_t, void *, size_t, size_t *, size_t *);

static alloc_fn alloc_decompressor;
static free_fn free_decompressor;
static decompress_fn decompress;

JNIEXPORT jboolean JNICALL Java_dev_pinwheel_support_NativeInflater_link(JNIEnv *env, jclass cls) {
    void *lib = dlopen("libdeflate.so.0", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        return JNI_FALSE;
    }
    alloc_decompressor = (alloc_fn) dlsym(lib, "libdeflate_alloc_decompressor");
    free_decompressor = (free_fn) dlsym(lib, "libdeflate_free_decompressor");
    decompress = (decompress_fn) dlsym(lib, "libdeflate_deflate_decompress_ex");
    return alloc_decompressor != NULL && free_decompressor != NULL && decompress != NULL;
}

JNIEXPORT jlong JNICALL Java_dev_pinwheel_support_NativeInflater_allocate(JNIEnv *env, jclass cls) {
    return (jlong) (intptr_t) alloc_decompressor();
}

JNIEXPORT void JNICALL Java_dev_pinwheel_support_NativeInflater_release(JNIEnv *env, jclass cls, jlong handle) {
    free_decompressor((void *) (intptr_t) handle);
}

/*
 * Inflates in[offset, offset + length) into the direct buffer out, at most capacity bytes.
 * Returns the bytes written; -1 bad data, -3 output larger than capacity, -4 input left over,
 * -5 no direct buffer, -6 out of memory.
 */
JNIEXPORT jint JNICALL Java_dev_pinwheel_support_NativeInflater_inflate(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray in, jint offset, jint length, jobject out, jint capacity) {
    void *dst = (*env)->GetDirectBufferAddress(env, out);
    if (dst == NULL) {
        return -5;
    }
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, in, NULL);
    if (src == NULL) {
        return -6;
    }
    size_t consumed = 0;
    size_t produced = 0;
    int result = decompress((void *) (intptr_t) handle, src + offset, (size_t) length, dst, (size_t) capacity,
            &consumed, &produced);
    (*env)->ReleasePrimitiveArrayCritical(env, in, src, JNI_ABORT);
    if (result != 0) {
        return -result;
    }
    if (consumed != (size_t) length) {
        return -4;
    }
    return (jint) produced;
}
