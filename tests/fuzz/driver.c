// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the fuzz targets share: an input copied into a C string, and
 * libFuzzer's entry point.  run-fuzz builds this file once per target with
 * -DLVS_FUZZ_TARGET=lvs_fuzz_NAME, so that the fuzzer calls that target;
 * tests/fuzz/replay links it without, and calls the targets itself.
 */
#include <string.h>

#include "fuzz.h"

char *lvs_fuzz_text(const uint8_t *data, size_t size)
{
	char *text;

	if (size > LVS_FUZZ_MAX_LEN)
		return NULL;
	text = malloc(size + 1);
	if (!text)
		return NULL;
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

#ifdef LVS_FUZZ_TARGET
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return LVS_FUZZ_TARGET(data, size);
}
#endif
