# make notebooks (jupyter nbconvert --execute): kernels talk to nbconvert over Unix sockets in
# your private Jupyter runtime directory, not over TCP, so they do not warn that TCP is
# unencrypted. nbconvert runs one kernel at a time, so one socket name per nbconvert process
# is enough; it must be an absolute path, since the kernel runs in the notebook's folder.
# With a runtime directory too long for a socket path (107 bytes) kernels stay on TCP.
import os

import zmq
from jupyter_core.paths import jupyter_runtime_dir

c = get_config()  # noqa: F821 (defined by Jupyter when it reads this file)
prefix = os.path.join(jupyter_runtime_dir(), f"nbconvert-{os.getpid()}-ipc")
if os.name == "posix" and len(f"{prefix}-99") <= zmq.IPC_PATH_MAX_LEN:
    os.makedirs(jupyter_runtime_dir(), mode=0o700, exist_ok=True)
    c.KernelManager.transport = "ipc"
    c.KernelManager.ip = prefix
