# JupyterLab (make lab), and Voila inside it: kernels talk to the server over Unix sockets
# in your private Jupyter runtime directory rather than over TCP ports on 127.0.0.1. Only you
# can reach those sockets, and the kernels stop warning "Kernel is running over TCP without
# encryption". A socket path holds at most 107 bytes: with a longer runtime directory (a very
# long home path) the kernels stay on TCP, which still works.
import os

import zmq
from jupyter_core.paths import jupyter_runtime_dir

c = get_config()  # noqa: F821 (defined by Jupyter when it reads this file)
longest = os.path.join(jupyter_runtime_dir(), f"kernel-{'0' * 36}-ipc-99")
if os.name == "posix" and len(longest) <= zmq.IPC_PATH_MAX_LEN:
    c.KernelManager.transport = "ipc"
