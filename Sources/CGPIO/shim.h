#ifndef HARBOR_CGPIO_SHIM_H
#define HARBOR_CGPIO_SHIM_H
// libgpiod v1 (1.6 on Debian 12). The v2 API is incompatible; this shim pins v1.
#include <gpiod.h>
#include <errno.h>
#include <string.h>

// errno is a macro over a thread-local location; Swift cannot import the macro,
// so these read and clear it right around each libgpiod call.
static inline int harbor_gpio_errno(void) { return errno; }
static inline void harbor_gpio_clear_errno(void) { errno = 0; }
#endif
