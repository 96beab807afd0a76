"""A citynoise service for a test: started on a free localhost port, asked over HTTP(S), stopped."""
import json
import ssl
import subprocess
import urllib.error
import urllib.request


class Service:
    def __init__(self, citynoise, store, *options):
        self.process = subprocess.Popen([citynoise, "serve", store, "--port", "0", *options],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("citynoise serve did not start: " + self.process.stderr.read())
        scheme = line.split(" on ")[1].split("://")[0]
        port = int(line.split(":")[-1].split("/")[0])
        self.base = f"{scheme}://127.0.0.1:{port}"
        self.context = ssl._create_unverified_context() if scheme == "https" else None  # a self-signed test certificate

    def ask(self, method, path, token=None, body=None, content_type=None, authorization=None):
        """(status, content type, parsed JSON) of a request."""
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if authorization:
            request.add_header("Authorization", authorization)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=60, context=self.context) as r:
                return r.status, r.headers.get("Content-Type"), json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type"), json.loads(e.read())

    def get(self, path, token=None, authorization=None):
        return self.ask("GET", path, token, authorization=authorization)

    def post_json(self, path, doc, token=None):
        return self.ask("POST", path, token, json.dumps(doc).encode(), "application/json")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        return self.process.stderr.read()


class Checks:
    def __init__(self):
        self.failures = []

    def __call__(self, cond, what):
        if not cond:
            self.failures.append(what)
