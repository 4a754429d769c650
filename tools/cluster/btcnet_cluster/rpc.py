"""JSON-RPC to a btcnetd, found the way btcnet-cli finds it: the RPC address and the cookie the
node writes into its network data directory (rpc.endpoint, .cookie). `proxy.getpeerinfo()` calls
the method of that name; errors raise RPCError with Bitcoin Core's code and message."""

import base64
import http.client
import itertools
import json
import os


class RPCError(Exception):
    def __init__(self, method, code, message):
        super().__init__(f"{method}: {message} (code {code})")
        self.method, self.code, self.message = method, code, message


class RPCUnavailable(Exception):
    """No RPC endpoint or cookie yet (the node is not up), or the connection failed."""


class RPCProxy:
    _ids = itertools.count(1)

    def __init__(self, network_dir, timeout=30):
        self.network_dir = network_dir
        self.timeout = timeout

    def _where(self):
        try:
            with open(os.path.join(self.network_dir, "rpc.endpoint")) as f:
                host_port = f.read().strip()
            with open(os.path.join(self.network_dir, ".cookie")) as f:
                cookie = f.read().strip()
        except OSError as e:
            raise RPCUnavailable(f"no RPC endpoint or cookie in {self.network_dir}: {e}") from e
        host, _, port = host_port.rpartition(":")
        if not host or not port.isdigit() or ":" not in cookie:
            raise RPCUnavailable(f"the RPC files in {self.network_dir} are not complete yet")
        return host.strip("[]"), int(port), base64.b64encode(cookie.encode()).decode()

    def call(self, method, *params):
        host, port, auth = self._where()
        body = json.dumps({"jsonrpc": "2.0", "id": next(self._ids), "method": method,
                           "params": list(params)})
        try:
            conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
            conn.request("POST", "/", body, {"Authorization": "Basic " + auth,
                                             "Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
            conn.close()
        except (OSError, http.client.HTTPException) as e:
            raise RPCUnavailable(f"{method}: cannot reach {host}:{port}: {e}") from e
        if response.status == 401:
            raise RPCError(method, -1, "authorization failed")
        reply = json.loads(data)
        if reply.get("error"):
            raise RPCError(method, reply["error"].get("code"), reply["error"].get("message"))
        return reply.get("result")

    def __getattr__(self, method):
        if method.startswith("_"):
            raise AttributeError(method)
        return lambda *params: self.call(method, *params)
