#ifndef HARBOR_CUDEV_SHIM_H
#define HARBOR_CUDEV_SHIM_H
// libudev from systemd 252 (Debian 12): USB serial adapter enumeration and the
// hotplug monitor.
#include <libudev.h>
#include <errno.h>

// errno is a macro over a thread-local location; Swift cannot import the macro,
// so these read and clear it right around each libudev call.
static inline int harbor_udev_errno(void) { return errno; }
static inline void harbor_udev_clear_errno(void) { errno = 0; }
#endif
