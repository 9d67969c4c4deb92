/* plugins/output/jsonw.h - JSON values written straight into a buffer, byte
 * for byte what jansson's compact dump writes (the record's spans and text
 * are most of its bytes; one jansson tree per span cost more than the rest
 * of the output). */
#ifndef GALLEY_OUTPUT_JSONW_H
#define GALLEY_OUTPUT_JSONW_H

#include <stddef.h>
#include "sink.h"

/* a JSON string of s[0..n), which must be valid UTF-8 (repair it first):
 * '"', '\\' and control characters escaped as jansson does, everything
 * else (non-ASCII too) as it is */
void jsonw_str(sink_buf *out, const char *s, size_t n);
/* an integer, as jansson's "%lld" */
void jsonw_int(sink_buf *out, long long v);
/* a real as jansson writes it with JSON_REAL_PRECISION(15): "%.15g", ".0"
 * added when neither '.' nor 'e' is there, the exponent without '+' and
 * leading zeros; NaN and infinities (not JSON) as null */
void jsonw_real(sink_buf *out, double v);

#endif
