"""Confinement of a query worker process: no network, bounded memory.

``deny_network`` installs a seccomp filter (through libseccomp, loaded with ctypes) under which
``socket()`` fails with EPERM for every address family but AF_UNIX, and io_uring cannot be set
up; where libseccomp is missing it moves the process into a new user and network namespace,
which has no interface but a down loopback. Either way a query that reaches the engine with a
SERVICE call (which kg.guard refuses long before) cannot open a connection. Both are applied
before the process starts any thread, so every thread inherits them.

``limit_memory`` caps the address space (RLIMIT_AS): an allocation past it fails, the worker
dies, and kg.store reports the query as over the memory limit and starts a fresh worker.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import resource
from typing import Optional

_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_CMP_NE = 1
_AF_UNIX = 1
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


class _ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def _errno_action(code: int) -> int:
    return 0x00050000 | (code & 0xFFFF)


def _seccomp() -> bool:
    name = ctypes.util.find_library("seccomp")
    if not name:
        return False
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return False
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not ctx:
        return False
    try:
        not_unix = (_ArgCmp * 1)(_ArgCmp(0, _SCMP_CMP_NE, _AF_UNIX, 0))
        rules = [("socket", _errno_action(errno.EPERM), 1, not_unix),
                 ("io_uring_setup", _errno_action(errno.ENOSYS), 0, None)]
        for syscall, action, count, args in rules:
            number = lib.seccomp_syscall_resolve_name(syscall.encode())
            if number < 0:
                continue
            if lib.seccomp_rule_add_array(ctx, action, number, count, args) != 0:
                return False
        return lib.seccomp_load(ctx) == 0
    finally:
        lib.seccomp_release(ctx)


def _new_network_namespace() -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0


def deny_network() -> Optional[str]:
    """Make this process unable to open network connections: ``"seccomp"``, ``"netns"``, or None
    when neither is possible here (the caller reports it)."""
    if _seccomp():
        return "seccomp"
    if _new_network_namespace():
        return "netns"
    return None


def limit_memory(megabytes: Optional[int]) -> None:
    """Cap this process's address space at ``megabytes`` (None or 0: no cap)."""
    if not megabytes:
        return
    limit = int(megabytes) * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def network_denied() -> bool:
    """True when opening an IPv4 socket fails here (what tests check after ``deny_network``)."""
    import socket
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except OSError:
        return True
    return False
