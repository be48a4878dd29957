# The classroom demo (make demo, Voila on its own): kernels talk to Voila over Unix sockets
# in the private folder where Voila keeps their connection files (a new voila_* folder in the
# temporary directory), not over TCP, so they do not warn that TCP is unencrypted. With a
# temporary directory too long for a socket path (107 bytes) they stay on TCP.
import os
import tempfile

import zmq

c = get_config()  # noqa: F821 (defined by Jupyter when it reads this file)
longest = os.path.join(tempfile.gettempdir(), "voila_12345678", f"kernel-{'0' * 36}-ipc-99")
if os.name == "posix" and len(longest) <= zmq.IPC_PATH_MAX_LEN:
    c.KernelManager.transport = "ipc"
