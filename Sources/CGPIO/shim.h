#ifndef HARBOR_CGPIO_SHIM_H
#define HARBOR_CGPIO_SHIM_H
// libgpiod v1 (1.6 on Debian 12). The v2 API is incompatible; this shim pins v1.
#include <gpiod.h>
#include <errno.h>
#endif
