/*
 * loader.c: finds libclang at run time and forwards the API declared in clang_shim.h to it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clang_shim.h"

#define SHIM_POINTER(ret, name, params, args) static ret(*p_##name) params;
SHIM_CLANG_FUNCTIONS(SHIM_POINTER)
#undef SHIM_POINTER

#define SHIM_FORWARD(ret, name, params, args) ret name params { return p_##name args; }
SHIM_CLANG_FUNCTIONS(SHIM_FORWARD)
#undef SHIM_FORWARD

static char loaded_path[4096];
static char message[8192];

static int resolve(void *library) {
#define SHIM_RESOLVE(ret, name, params, args) \
    if (!(*(void **)&p_##name = dlsym(library, #name))) return 0;
    SHIM_CLANG_FUNCTIONS(SHIM_RESOLVE)
#undef SHIM_RESOLVE
    return 1;
}

static int try_load(const char *path) {
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!library)
        return 0;
    if (!resolve(library)) {
        dlclose(library);
        return 0;
    }
    snprintf(loaded_path, sizeof loaded_path, "%s", path);
    return 1;
}

const char *shim_load_libclang(void) {
    if (loaded_path[0])
        return NULL;
    const char *override = getenv("STACKLESS_LIBCLANG");
    if (override && *override) {
        if (try_load(override))
            return NULL;
        snprintf(message, sizeof message, "cannot load libclang from STACKLESS_LIBCLANG=%s: %s", override, dlerror());
        return message;
    }
    char path[256];
    for (int version = 30; version >= 14; version--) {
        snprintf(path, sizeof path, "/usr/lib/llvm-%d/lib/libclang.so.1", version);
        if (try_load(path))
            return NULL;
        snprintf(path, sizeof path, "libclang-%d.so.1", version);
        if (try_load(path))
            return NULL;
    }
    static const char *const others[] = {
        "libclang.so.1", "libclang.so", "/opt/swift/usr/lib/libclang.so",
        "/usr/lib/libclang.so", "/usr/local/lib/libclang.so",
    };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        if (try_load(others[i]))
            return NULL;
    snprintf(message, sizeof message,
             "cannot find libclang (tried /usr/lib/llvm-N/lib/libclang.so.1 for N = 30..14, libclang.so); "
             "install it (Debian: apt-get install libclang-dev) or set STACKLESS_LIBCLANG to its path");
    return message;
}

const char *shim_libclang_path(void) { return loaded_path; }
