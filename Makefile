# The runtime as a static library for C projects: `make`, `make install PREFIX=/usr/local`.
# Installs libstackless.a, greenlet.h, stackless_gen.h and stackless.pc (pkg-config), and the
# `stackless` tool with a copy of the runtime beside it (share/stackless/runtime).
PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2
RUNTIME := Sources/StacklessRuntime
SOURCES := $(wildcard $(RUNTIME)/src/*.c)
OBJECTS := $(patsubst $(RUNTIME)/src/%.c,.build/runtime/%.o,$(SOURCES))

all: .build/runtime/libstackless.a

.build/runtime/%.o: $(RUNTIME)/src/%.c $(wildcard $(RUNTIME)/include/*.h $(RUNTIME)/src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -std=c11 -Wall -Wextra -I$(RUNTIME)/include -c $< -o $@

.build/runtime/libstackless.a: $(OBJECTS)
	ar rcs $@ $^

.build/runtime/stackless.pc:
	@mkdir -p $(dir $@)
	printf 'prefix=%s\nincludedir=$${prefix}/include\nlibdir=$${prefix}/lib\n\nName: stackless\nDescription: greenlets for C without stack switching (runtime)\nVersion: 0.1.0\nCflags: -I$${includedir}\nLibs: -L$${libdir} -lstackless -lpthread\n' "$(PREFIX)" > $@

tool:
	swift build -c release --product stackless

install: all .build/runtime/stackless.pc tool
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin
	install -m 644 .build/runtime/libstackless.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(RUNTIME)/include/greenlet.h $(RUNTIME)/include/tasklet.h $(RUNTIME)/include/stackless_gen.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 .build/runtime/stackless.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 755 .build/release/stackless $(DESTDIR)$(PREFIX)/bin/
	install -d $(DESTDIR)$(PREFIX)/share/stackless/runtime
	cp -R $(RUNTIME)/include $(RUNTIME)/src $(RUNTIME)/gdb $(DESTDIR)$(PREFIX)/share/stackless/runtime/

clean:
	rm -rf .build/runtime

.PHONY: all tool install clean
