/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fuzz targets.  Each takes one input of any bytes, runs it through a
 * parser, checks what the parser promises, and aborts when a promise is
 * broken.  libFuzzer calls them through LLVMFuzzerTestOneInput in
 * driver.c (built with -DLVS_FUZZ_TARGET=lvs_fuzz_NAME), and
 * tests/fuzz/replay runs the corpus and the regression inputs through them
 * in make check.
 */
#ifndef LVSADM_FUZZ_H
#define LVSADM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Inputs longer than this are ignored: they find nothing new. */
#define LVS_FUZZ_MAX_LEN 65536

int lvs_fuzz_cmdline(const uint8_t *data, size_t size);
int lvs_fuzz_restore(const uint8_t *data, size_t size);
int lvs_fuzz_addr(const uint8_t *data, size_t size);

/*
 * @data as a NUL-terminated string, to be freed; NULL when it is longer
 * than LVS_FUZZ_MAX_LEN or memory is short (the input is then skipped).
 */
char *lvs_fuzz_text(const uint8_t *data, size_t size);

/* A broken promise: say which, and abort so that the input is kept. */
#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			abort();                                               \
		}                                                              \
	} while (0)

#endif
