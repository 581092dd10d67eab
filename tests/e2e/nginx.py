"""Debian's nginx in front of app instances, running the shipped recipe `deploy/nginx/assessment.conf`.

The recipe is used as it is, with two changes only: its upstream servers become the given ports and it listens
on a free port of 127.0.0.1. nginx runs in the foreground with its pid, logs and temporary files in a folder of
its own, so it needs no privileges and leaves nothing behind. Its access log names the instance that served
each request and the request's route cookie, so a test can tell that sessions stick.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "deploy" / "nginx" / "assessment.conf"
ROUTE_COOKIE = "assessment_route"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def missing_reason() -> str | None:
    if nginx_binary() is None:
        return "nginx is missing (apt-get install nginx; .ci/run installs it)"
    return None


def site_config(listen_port: int, upstream_ports: list[int]) -> str:
    """The recipe with our upstream servers and listening address."""
    site = RECIPE.read_text(encoding="utf-8")
    site, removed = re.subn(r"^[ \t]*server 127\.0\.0\.1:\d+[^;\n]*;\n", "", site, flags=re.MULTILINE)
    servers = "".join(f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;\n" for port in upstream_ports)
    site, hashed = re.subn(r"(hash \$assessment_route consistent;\n)", lambda m: m.group(1) + servers, site)
    site, listening = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen_port};", site)
    if not (removed and hashed == 1 and listening == 1):
        raise RuntimeError(f"{RECIPE} no longer has the upstream or listen lines this helper rewrites")
    return site


class Nginx:
    """nginx on 127.0.0.1:`port` in front of `upstream_ports`, its files in `workdir`."""

    def __init__(self, workdir: Path, port: int, upstream_ports: list[int]):
        self.workdir, self.port = workdir, port
        self.base_url = f"http://127.0.0.1:{port}"
        self.access_log = workdir / "access.log"
        self.error_log = workdir / "error.log"
        self.upstream_ports = upstream_ports
        self.process: subprocess.Popen | None = None

    def write_config(self) -> Path:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "site.conf").write_text(site_config(self.port, self.upstream_ports), encoding="utf-8")
        temp = {name: self.workdir / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for folder in temp.values():
            folder.mkdir(exist_ok=True)
        # As root, nginx hands requests to workers of an unprivileged user, who could not reach this folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        main = f"""{user}daemon off;
worker_processes 1;
pid {self.workdir}/nginx.pid;
error_log {self.error_log} warn;
events {{ worker_connections 1024; }}
http {{
    log_format routed '$upstream_addr $cookie_{ROUTE_COOKIE} $status "$request"';
    access_log {self.access_log} routed;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {self.workdir}/site.conf;
}}
"""
        path = self.workdir / "nginx.conf"
        path.write_text(main, encoding="utf-8")
        return path

    def start(self, timeout: float = 30.0) -> Nginx:
        config = self.write_config()
        binary = nginx_binary()
        command = [binary, "-p", str(self.workdir), "-c", str(config), "-e", str(self.error_log)]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if checked.returncode != 0:
            raise RuntimeError(f"nginx -t failed: {checked.stderr}")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nginx did not pass /_stcore/health on within {timeout:.0f} s: {self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGQUIT)  # graceful: finish open requests, then exit
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.error_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def served(self) -> list[tuple[str, str, str]]:
        """(upstream address, route cookie, request line) of each request in the access log so far."""
        rows = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            match = re.match(r'(\S+) (\S+) \d+ "(.*)"$', line)
            if match:
                rows.append(match.groups())
        return rows

    def wait_for_log(self, ready, timeout: float = 10.0) -> list[tuple[str, str, str]]:
        """The access log's rows once `ready(rows)` holds (or at the timeout, for the caller's assertions)."""
        deadline = time.monotonic() + timeout
        while not ready(rows := self.served()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return rows

    def route_to(self, upstream_port: int, tries: int = 64) -> str:
        """A route cookie value that nginx sends to the instance on `upstream_port` (found by asking)."""
        for number in range(tries):
            value = f"probe{number}"
            request = urllib.request.Request(f"{self.base_url}/_stcore/health",
                                             headers={"Cookie": f"{ROUTE_COOKIE}={value}"})
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
            time.sleep(0.05)  # the access log line is written after the response
            if any(route == value and upstream.endswith(f":{upstream_port}")
                   for upstream, route, _ in self.served()):
                return value
        raise RuntimeError(f"no route cookie led to port {upstream_port} in {tries} tries")
