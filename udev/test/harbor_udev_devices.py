"""Modelled devices for scripts/check-udev-rules: three USB-RS485 adapters, one
adapter the rules must leave alone and a GPIO chip, with what the rules should do
to each; and the fake sysfs and private mount namespace `udevadm test` runs in.

Not installed on the gateway: only ../99-harbor-gateway.rules is.
"""
import grp, json, os, shutil, subprocess, sys

PCI = {"kernel": "0000:00:14.0", "subsystem": "pci", "attrs": {}, "dir": "pci0000:00/0000:00:14.0"}
HUB = {"kernel": "usb1", "subsystem": "usb", "devtype": "usb_device", "dir": "usb1",
       "attrs": {"idVendor": "1d6b", "idProduct": "0002", "serial": "0000:00:14.0"}}


def adapter(port, vendor, product, serial):
    """A USB serial adapter in port 1-<port>: tty <- usb-serial port <- interface <- USB device."""
    usb = {"idVendor": vendor, "idProduct": product, **({"serial": serial} if serial else {})}
    tty = f"ttyUSB{port - 1}"
    return [{"kernel": tty, "subsystem": "tty", "attrs": {}, "dir": f"tty/{tty}", "node": (188, port - 1)},
            {"kernel": tty, "subsystem": "usb-serial", "attrs": {"port_number": "0"}, "dir": tty},
            {"kernel": f"1-{port}:1.0", "subsystem": "usb", "devtype": "usb_interface",
             "attrs": {"bInterfaceNumber": "00"}, "dir": f"1-{port}:1.0"},
            {"kernel": f"1-{port}", "subsystem": "usb", "devtype": "usb_device", "attrs": usb, "dir": f"1-{port}"},
            HUB, PCI]


GPIOCHIP = [{"kernel": "gpiochip0", "subsystem": "gpio", "attrs": {}, "dir": "gpiochip0", "node": (254, 0)},
            {"kernel": "gpio-sim.0", "subsystem": "platform", "attrs": {}, "dir": "platform/gpio-sim.0"}]
# (name, device chain, ID_PATH path_id gives it, expected group, mode, links)
FIXTURES = [
    ("CH340 1a86:7523 without serial", adapter(1, "1a86", "7523", None), "pci-0000:00:14.0-usb-0:1:1.0",
     "dialout", "0660", ["/dev/harbor/rs485-ch340-port-pci-0000:00:14.0-usb-0:1:1.0"]),
    ("CP210x 10c4:ea60", adapter(2, "10c4", "ea60", "0001A5F3"), "pci-0000:00:14.0-usb-0:2:1.0",
     "dialout", "0660", ["/dev/harbor/rs485-cp210x-0001A5F3"]),
    ("FTDI 0403:6001", adapter(3, "0403", "6001", "A10K4XYZ"), "pci-0000:00:14.0-usb-0:3:1.0",
     "dialout", "0660", ["/dev/harbor/rs485-ftdi-A10K4XYZ"]),
    ("Prolific 067b:2303 (not ours)", adapter(4, "067b", "2303", "PL01"), "pci-0000:00:14.0-usb-0:4:1.0",
     None, None, []),
    ("gpiochip0", GPIOCHIP, "", "gpio", "0660", []),
]


# sd-device refuses a syspath whose fstatfs() is not sysfs: the shim reports the
# fake tree, bind-mounted on /sys inside the namespace, as sysfs (SYSFS_MAGIC).
SHIM = r"""#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>
int fstatfs(int fd, struct statfs *buf) {
    int result = ((int (*)(int, struct statfs *))dlsym(RTLD_NEXT, "fstatfs"))(fd, buf);
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (result == 0 && n > 0 && (target[n] = 0, strncmp(target, "/sys", 4) == 0)) buf->f_type = 0x62656572;
    return result;
}
int fstatfs64(int fd, struct statfs64 *buf) { return fstatfs(fd, (struct statfs *)buf); }"""


def build_sysfs(root):
    """Writes the fixtures' devices under root/devices; returns {name: syspath}."""
    def write(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as file:
            file.write(text)
    syspaths = {}
    for name, chain, *_ in FIXTURES:
        path = os.path.join(root, "devices")
        for device in reversed(chain):
            path = os.path.join(path, device["dir"])
            uevent = "".join(f"{k}={v}\n" for k, v in (("DEVTYPE", device.get("devtype")),) if v)
            if "node" in device:
                major, minor = device["node"]
                uevent += f"MAJOR={major}\nMINOR={minor}\nDEVNAME={device['kernel']}\n"
                write(os.path.join(path, "dev"), f"{major}:{minor}\n")
            write(os.path.join(path, "uevent"), uevent)
            for attribute, value in device["attrs"].items():
                write(os.path.join(path, attribute), value + "\n")
            kind = "class" if device["subsystem"] == "tty" else "bus"
            target = os.path.join(root, kind, device["subsystem"])
            os.makedirs(target, exist_ok=True)
            if not os.path.islink(os.path.join(path, "subsystem")):
                os.symlink(os.path.relpath(target, path), os.path.join(path, "subsystem"))
        syspaths[name] = "/sys" + path[len(root):]
    return syspaths


def prepare_namespace_files(work, rules_paths, compiler):
    """Fills `work` with what the namespace needs: the fake sysfs and its device
    paths, the rules, a group file, the shim; returns group name -> gid."""
    json.dump(build_sysfs(os.path.join(work, "sys")), open(os.path.join(work, "syspaths.json"), "w"))
    open(os.path.join(work, "null"), "w").close()
    os.makedirs(os.path.join(work, "rules"))
    for path in rules_paths:
        shutil.copy(path, os.path.join(work, "rules"))
    open(os.path.join(work, "shim.c"), "w").write(SHIM)
    subprocess.run([compiler, "-shared", "-fPIC", "-o", os.path.join(work, "sysfs-shim.so"),
                    os.path.join(work, "shim.c"), "-ldl"], check=True)
    return write_groups(os.path.join(work, "group"))


def in_namespace(work, udevadm):
    """Runs inside `unshare --mount`: mounts the fake world, prints udevadm's output."""
    def mount(*arguments):
        subprocess.run(["mount", *arguments], check=True)
    mount("--make-rprivate", "/")
    mount("--bind", "/dev/null", os.path.join(work, "null"))
    mount("--bind", os.path.join(work, "sys"), "/sys")
    for directory in ("/etc/udev/rules.d", "/usr/lib/udev/rules.d", "/lib/udev/rules.d",
                      "/usr/local/lib/udev/rules.d", "/run", "/dev"):
        if os.path.isdir(directory):  # the host's rules and devices stay out of sight
            mount("-t", "tmpfs", "tmpfs", directory)
    open("/dev/null", "w").close()
    mount("--bind", os.path.join(work, "null"), "/dev/null")
    mount("--bind", os.path.join(work, "group"), "/etc/group")
    shutil.copytree(os.path.join(work, "rules"), "/run/udev/rules.d")
    environment = dict(os.environ, LD_PRELOAD=os.path.join(work, "sysfs-shim.so"))
    outputs = {}
    for name, syspath in json.load(open(os.path.join(work, "syspaths.json"))).items():
        run = subprocess.run([udevadm, "test", "--action=add", syspath], env=environment,
                             capture_output=True, text=True)
        outputs[name] = run.stdout + run.stderr
    print(json.dumps(outputs))


def write_groups(path):
    """A copy of /etc/group that surely has dialout and gpio; returns name -> gid."""
    gids, lines = {g.gr_name: g.gr_gid for g in grp.getgrall()}, open("/etc/group").read()
    for name, first in (("dialout", 20), ("gpio", 997)):
        if name not in gids:
            gids[name] = next(n for n in range(first, 60000) if n not in gids.values())
            lines += f"{name}:x:{gids[name]}:\n"
    open(path, "w").write(lines)
    return gids


if __name__ == "__main__" and sys.argv[1:2] == ["--in-namespace"]:
    in_namespace(*sys.argv[2:4])
