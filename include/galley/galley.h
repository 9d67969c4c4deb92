/* galley/galley.h - the umbrella header: everything a plugin may use. */
#ifndef GALLEY_GALLEY_H
#define GALLEY_GALLEY_H

#include <galley/doc.h>
#include <galley/log.h>
#include <galley/news.h>
#include <galley/plugin.h>
#include <galley/util.h>
#include <galley/text.h>

#endif
