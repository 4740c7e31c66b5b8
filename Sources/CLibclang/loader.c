/*
 * loader.c: finds libclang at run time and forwards the API declared in clang_shim.h to it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
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
static char loaded_as[4096];
static char resource_dir[4096];
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
    /* A bare soname was found through the loader's search path: ask where the file is. */
    Dl_info info;
    char real[PATH_MAX];
    const char *where = path;
    if (dladdr(*(void **)&p_clang_createIndex, &info) && info.dli_fname)
        where = info.dli_fname;
    if (realpath(where, real))
        where = real;
    snprintf(loaded_path, sizeof loaded_path, "%s", where);
    snprintf(loaded_as, sizeof loaded_as, "%s", strchr(path, '/') ? path : where);
    return 1;
}

/* The builtin headers (stddef.h, stdarg.h, stdbool.h) of the libclang that was loaded live in its
   resource directory, LIBDIR/clang/VERSION/include. libclang finds it by itself only when it sits
   where a clang installation puts it; the Swift toolchain's copy, or a distribution's split
   packages, need it passed as -resource-dir. */
static void find_resource_dir_near(const char *library) {
    char libdir[4096];
    snprintf(libdir, sizeof libdir, "%s", library);
    char *slash = strrchr(libdir, '/');
    if (!slash)
        return;
    *slash = 0;
    static const char *const parents[] = {"%s/clang", "%s/../lib/clang", "%s/../lib64/clang"};
    for (size_t p = 0; p < sizeof parents / sizeof *parents && !resource_dir[0]; p++) {
        char base[4200];
        snprintf(base, sizeof base, parents[p], libdir);
        DIR *dir = opendir(base);
        if (!dir)
            continue;
        /* The newest version that holds stddef.h (a directory normally holds exactly one). */
        char best[256] = "";
        for (struct dirent *e; (e = readdir(dir));) {
            if (e->d_name[0] == '.')
                continue;
            char probe[4600];
            snprintf(probe, sizeof probe, "%s/%s/include/stddef.h", base, e->d_name);
            FILE *f = fopen(probe, "r");
            if (!f)
                continue;
            fclose(f);
            if (!best[0] || strtol(e->d_name, NULL, 10) > strtol(best, NULL, 10))
                snprintf(best, sizeof best, "%s", e->d_name);
        }
        closedir(dir);
        if (best[0]) {
            char joined[4600];
            snprintf(joined, sizeof joined, "%s/%s", base, best);
            if (!realpath(joined, resource_dir))
                snprintf(resource_dir, sizeof resource_dir, "%s", joined);
        }
    }
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

const char *shim_libclang_resource_dir(void) {
    static int looked;
    if (!looked && loaded_path[0]) {
        looked = 1;
        /* Debian's /usr/lib/llvm-14/lib/libclang.so.1 links into /usr/lib/x86_64-linux-gnu, but
           its headers are under /usr/lib/llvm-14/lib/clang: look beside the name first. */
        find_resource_dir_near(loaded_as);
        if (!resource_dir[0])
            find_resource_dir_near(loaded_path);
    }
    return resource_dir;
}
