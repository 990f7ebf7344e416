#!/usr/bin/env python3
"""A stand-in for `coredns -conf Corefile` (CoreDNS cannot be installed here).

It reads the Corefile BetterDns generates and behaves as CoreDNS 1.10-1.12 does towards BetterDns and
its clients (read in CoreDNS's source; docs/dns-controller.md says what is and is not modelled):

- plugin/file: the zone is parsed at start-up, before DNS answers. `reload D` starts a ticker that
  opens the file every D and parses it; the parse stops at the SOA when the serial equals the loaded
  one (file.go Parse), and otherwise reads and parses the whole file: a real parse, so its cost grows
  with the zone. Every full parse is logged ("parsed N records in M ms"): the tests' CPU proxy.
- SIGUSR1 (core/dnsserver via caddy): every plugin is rebuilt (the zone parsed in full again, the
  cache emptied) while the DNS sockets stay open and the old zone keeps answering; the `ready`
  plugin's /ready answers 503 until the new instance runs, at least READY_GAP_AFTER_RELOAD seconds.
- plugin/cache: answers and denials (NXDOMAIN, NODATA) are cached. A denial lives
  min(max(TTL of the SOA in the answer, MINTTL), TTL cap) (cache.go computeTTL and
  dnsutil.MinimalTTLWithMaximum); `cache N` sets both caps to N; defaults 3600/1800 s, MINTTL 5 s;
  `success|denial CAPACITY TTL [MINTTL]` and `disable success|denial` in its block. (Real CoreDNS also
  rewrites the TTLs it returns from the cache to the time left; the stand-in returns them as stored.)
- health answers 200 on /health; SIGTERM exits. A restart (new process) drops the sockets.

One knob that is not CoreDNS's: STANDIN_READY_DELAY=S keeps /ready at 503 for S seconds after start
(as a plugin that is slow to become ready does), for the test of the bridge's start-up wait.
"""
import os
import re
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

READY_GAP_AFTER_RELOAD = 1.0
TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16, "AAAA": 28, "SRV": 33}
CLASSES = {"IN", "CH", "HS", "in", "ch", "hs"}


def log(line):
    print(line, flush=True)


# ---------- Corefile ----------

def duration(text):
    if text == "0":
        return 0.0  # Go's time.ParseDuration: "0" needs no unit; `reload 0` turns the ticker off
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)", text)
    if not match:
        raise ValueError(f"not a duration: {text}")
    return float(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def corefile_tokens(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            # Quoted paths keep their spaces.
            yield [t[1:-1].replace('\\"', '"').replace("\\\\", "\\") if t.startswith('"') else t
                   for t in re.findall(r'"(?:[^"\\]|\\.)*"|\S+', line)]


class Config:
    def __init__(self, path):
        self.origin = self.port = self.address = self.zonefile = None
        self.reload = 0.0
        self.health = self.ready = None
        self.log = False
        self.cache = None  # (pttl, minpttl, nttl, minnttl)
        block = None
        for tokens in corefile_tokens(path):
            if not tokens:
                continue
            head = tokens[0]
            if self.origin is None and re.fullmatch(r".+:\d+", head) and tokens[-1] == "{":
                self.origin, port = head.rsplit(":", 1)
                self.origin = self.origin.lower()
                self.port = int(port)
            elif head == "}":
                block = None
            elif block == "file" and head == "reload":
                self.reload = duration(tokens[1])
            elif block == "cache" and head in ("success", "denial"):
                pttl, minpttl, nttl, minnttl = self.cache
                ttl = int(tokens[2]) if len(tokens) > 2 else None
                minimum = int(tokens[3]) if len(tokens) > 3 else None
                if head == "success":
                    self.cache = (ttl or pttl, minpttl if minimum is None else minimum, nttl, minnttl)
                else:
                    self.cache = (pttl, minpttl, ttl or nttl, minnttl if minimum is None else minimum)
            elif block == "cache" and head == "disable" and tokens[1] in ("success", "denial"):
                pttl, minpttl, nttl, minnttl = self.cache
                self.cache = (0, minpttl, nttl, minnttl) if tokens[1] == "success" else (pttl, minpttl, 0, minnttl)
            elif head == "bind":
                self.address = tokens[1]
            elif head == "file":
                self.zonefile = tokens[1]
                block = "file" if tokens[-1] == "{" else None
            elif head == "health":
                self.health = tokens[1] if len(tokens) > 1 and tokens[1] != "{" else "0.0.0.0:8080"
            elif head == "ready":
                self.ready = tokens[1] if len(tokens) > 1 and tokens[1] != "{" else "0.0.0.0:8181"
            elif head == "log":
                self.log = True
            elif head == "cache":
                ttl = int(tokens[1]) if len(tokens) > 1 and tokens[1].isdigit() else None
                self.cache = (ttl or 3600, 5, ttl or 1800, 5)
                block = "cache" if tokens[-1] == "{" else None
        if not (self.origin and self.port and self.address and self.zonefile):
            raise ValueError(f"cannot read {path}")


# ---------- zone file ----------

def absolute(name, origin):
    if name == "@":
        return origin
    name = name.lower()
    return name if name.endswith(".") else f"{name}.{origin}"


def wire_name(name):
    out = bytearray()
    for label in name.rstrip(".").split(".") if name != "." else []:
        out.append(len(label))
        out += label.encode()
    return bytes(out) + b"\0"


def rdata(kind, fields, origin):
    if kind == "A":
        return socket.inet_pton(socket.AF_INET, fields[0])
    if kind == "AAAA":
        return socket.inet_pton(socket.AF_INET6, fields[0])
    if kind in ("NS", "CNAME", "PTR"):
        return wire_name(absolute(fields[0], origin))
    if kind == "MX":
        return struct.pack("!H", int(fields[0])) + wire_name(absolute(fields[1], origin))
    if kind == "SRV":
        return struct.pack("!HHH", *map(int, fields[:3])) + wire_name(absolute(fields[3], origin))
    if kind == "SOA":
        return (wire_name(absolute(fields[0], origin)) + wire_name(absolute(fields[1], origin))
                + struct.pack("!IIIII", *(int(f) for f in fields[2:7])))
    if kind == "TXT":
        out = bytearray()
        for text in fields:
            data = text.strip('"').encode()
            out.append(len(data))
            out += data
        return bytes(out)
    return None


TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|;.*|[()]|[^\s()";]+')


def logical_lines(stream):
    """Master-file lines with comments stripped and ( … ) joined; yields (starts_with_blank, tokens)."""
    pending, blank, depth = [], False, 0
    for line in stream:
        if depth == 0:
            blank = line[:1] in (" ", "\t")
            if not ('"' in line or ";" in line or "(" in line):
                # The common line: plain fields.
                tokens = line.split()
                if tokens:
                    yield blank, tokens
                continue
        tokens = TOKEN.findall(line)
        for token in tokens:
            if token.startswith(";"):
                break
            if token == "(":
                depth += 1
            elif token == ")":
                depth -= 1
            else:
                pending.append(token)
        if depth == 0 and pending:
            yield blank, pending
            pending = []


class SerialUnchanged(Exception):
    pass


def parse_zone(path, origin, loaded_serial):
    """The file plugin's Parse: stops at the SOA when the serial is the loaded one, else reads everything."""
    names, records, soa, count = set(), {}, None, 0
    current_origin, default_ttl, owner, last_ttl = origin, 3600, origin, None
    suffix = in_zone = "." + origin
    with open(path, encoding="utf-8") as f:
        for blank, tokens in logical_lines(f):
            if tokens[0] == "$ORIGIN":
                current_origin = absolute(tokens[1], origin)
                suffix = "." + current_origin
                continue
            if tokens[0] == "$TTL":
                default_ttl = int(tokens[1])
                continue
            at = 0
            if not blank:
                name = tokens[0]
                owner = name.lower() + suffix if name[-1] != "." and name != "@" else absolute(name, current_origin)
                at = 1
            ttl = None
            while tokens[at].isdigit() or tokens[at] in CLASSES:
                if tokens[at][0].isdigit():
                    ttl = int(tokens[at])
                at += 1
            kind = tokens[at].upper()
            tokens = tokens[at:]
            ttl = ttl if ttl is not None else (last_ttl if last_ttl is not None else default_ttl)
            last_ttl = ttl
            data = rdata(kind, tokens[1:], current_origin)
            if kind == "SOA" and soa is None:
                serial = int(tokens[3])
                if loaded_serial is not None and serial == loaded_serial:
                    raise SerialUnchanged()
                soa = (owner, ttl, data, serial)
            if data is None or not (owner == origin or owner.endswith(in_zone)):
                continue
            records.setdefault((owner, TYPES[kind]), []).append((ttl, data))
            count += 1
            # Empty non-terminals exist too (NODATA, not NXDOMAIN).
            name = owner
            while name not in names and name != origin:
                names.add(name)
                name = name.split(".", 1)[1]
    if soa is None:
        raise ValueError(f"file {path} has no SOA record for origin {origin}")
    names.add(origin)
    return Zone(names, records, soa, count)


class Zone:
    def __init__(self, names, records, soa, count):
        self.names, self.records, self.soa, self.count = names, records, soa, count

    @property
    def serial(self):
        return self.soa[3]


# ---------- DNS ----------

class Server:
    def __init__(self, config):
        self.config = config
        self.lock = threading.Lock()
        self.zone = None
        self.cache = {}
        self.ready_after = 0.0
        self.reloading = threading.Lock()
        self.shutdown = threading.Event()

    def load(self, loaded_serial):
        started, cpu = time.monotonic(), time.process_time()
        zone = parse_zone(self.config.zonefile, self.config.origin, loaded_serial)
        log(f"[INFO] plugin/file: parsed {zone.count} records in {(time.monotonic() - started) * 1000:.0f} ms "
            f"({(time.process_time() - cpu) * 1000:.0f} ms CPU)")
        return zone

    def reload_ticker(self):
        while not self.shutdown.wait(self.config.reload):
            try:
                zone = self.load(self.zone.serial)
            except SerialUnchanged:
                continue
            except Exception as error:
                log(f"[ERROR] plugin/file: Parsing zone \"{self.config.origin}\": {error}")
                continue
            with self.lock:
                self.zone = zone
            log(f"[INFO] plugin/file: Successfully reloaded zone \"{self.config.origin}\" in "
                f"\"{self.config.zonefile}\" with {zone.serial} SOA serial")

    def sigusr1(self, *_):
        # Handled off the signal handler: a reload takes as long as a full parse.
        self.ready_after = float("inf")
        threading.Thread(target=self.restart_plugins, daemon=True).start()

    def restart_plugins(self):
        with self.reloading:
            log("[INFO] SIGUSR1: Reloading")
            started = time.monotonic()
            self.ready_after = float("inf")
            try:
                zone = self.load(None)
            except Exception as error:
                log(f"[ERROR] Restart failed: {error}")
                self.ready_after = 0.0
                return
            with self.lock:
                self.zone = zone
                self.cache = {}
            self.ready_after = max(time.monotonic(), started + READY_GAP_AFTER_RELOAD)
            log("[INFO] Reloading complete")

    def answer(self, query):
        if len(query) < 12:
            return None
        ident, flags, qdcount = struct.unpack("!HHH", query[:6])
        if flags & 0x8000 or qdcount != 1:
            return None
        labels, at = [], 12
        while query[at]:
            length = query[at]
            labels.append(query[at + 1:at + 1 + length].decode("ascii", "replace").lower())
            at += 1 + length
        qname = ".".join(labels) + "." if labels else "."
        question = query[12:at + 5]
        qtype = struct.unpack("!H", query[at + 1:at + 3])[0]
        head = lambda rcode, an, ns, aa=0x0400: struct.pack(
            "!HHHHHH", ident, 0x8000 | aa | (flags & 0x0100) | rcode, 1, an, ns, 0)
        if not (qname == self.config.origin or qname.endswith("." + self.config.origin)):
            return head(5, 0, 0, 0) + question
        key = (qname, qtype)
        now = time.monotonic()
        with self.lock:
            hit = self.cache.get(key)
            if hit and hit[0] > now:
                return struct.pack("!H", ident) + hit[1][2:]
            zone = self.zone
        found = zone.records.get(key)
        soa_owner, soa_ttl, soa_data, _ = zone.soa
        if found:
            body = b"".join(self.rr(qname, qtype, ttl, data) for ttl, data in found)
            message, ttl, denial = head(0, len(found), 0) + question + body, min(t for t, _ in found), False
        else:
            rcode = 0 if qname in zone.names else 3
            message, ttl, denial = head(rcode, 0, 1) + question + self.rr(soa_owner, 6, soa_ttl, soa_data), soa_ttl, True
        if self.config.cache:
            pttl, minpttl, nttl, minnttl = self.config.cache
            life = min(max(ttl, minnttl), nttl) if denial else min(max(ttl, minpttl), pttl)
            if life > 0:
                with self.lock:
                    self.cache[key] = (now + life, message)
        return message

    @staticmethod
    def rr(name, kind, ttl, data):
        return wire_name(name) + struct.pack("!HHIH", kind, 1, ttl, len(data)) + data

    def log_query(self, client, query):
        if self.config.log:
            log(f"[INFO] {client[0]}:{client[1]} - {len(query)} bytes")


class UdpHandler(socketserver.BaseRequestHandler):
    def handle(self):
        query, sock = self.request
        response = self.server.dns.answer(query)
        if response:
            sock.sendto(response, self.client_address)
        self.server.dns.log_query(self.client_address, query)


class TcpHandler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            size = self.rfile.read(2)
            if len(size) < 2:
                return
            query = self.rfile.read(struct.unpack("!H", size)[0])
            response = self.server.dns.answer(query)
            if response:
                self.wfile.write(struct.pack("!H", len(response)) + response)
                self.wfile.flush()


def http_server(address, handler):
    host, port = address.rsplit(":", 1)
    server = ThreadingHTTPServer((host.strip("[]"), int(port)), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main(argv):
    if len(argv) != 3 or argv[1] != "-conf":
        print("usage: coredns -conf Corefile", file=sys.stderr)
        return 2
    config = Config(argv[2])
    dns = Server(config)
    try:
        dns.zone = dns.load(None)
    except Exception as error:
        print(f"[ERROR] plugin/file: {error}", file=sys.stderr)
        return 1
    family = socket.AF_INET6 if ":" in config.address else socket.AF_INET
    # One thread answers UDP (as fast as Python gets); CoreDNS parses a zone on another core while it
    # answers, so the parse here yields the interpreter every millisecond rather than every five.
    sys.setswitchinterval(0.001)
    udp_class = type("Udp", (socketserver.UDPServer,), {"address_family": family})
    tcp_class = type("Tcp", (socketserver.ThreadingTCPServer,),
                     {"address_family": family, "daemon_threads": True, "allow_reuse_address": True})
    servers = [udp_class((config.address, config.port), UdpHandler), tcp_class((config.address, config.port), TcpHandler)]
    for server in servers:
        server.dns = dns
        threading.Thread(target=server.serve_forever, daemon=True).start()

    class Http(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/ready" and time.monotonic() < dns.ready_after:
                status, body = 503, b"Shutting down"
            elif self.path in ("/ready", "/health"):
                status, body = 200, b"OK"
            else:
                status, body = 404, b"404 page not found"
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_):
            pass

    for address in (config.health, config.ready):
        if address:
            http_server(address, Http)
    dns.ready_after = time.monotonic() + float(os.environ.get("STANDIN_READY_DELAY", "0"))
    if config.reload > 0:
        threading.Thread(target=dns.reload_ticker, daemon=True).start()
    signal.signal(signal.SIGUSR1, dns.sigusr1)
    signal.signal(signal.SIGTERM, lambda *_: dns.shutdown.set())
    signal.signal(signal.SIGINT, lambda *_: dns.shutdown.set())
    log(f"[INFO] stand-in coredns: serving {config.origin} on {config.address}:{config.port} from {config.zonefile}")
    log(f"{config.origin}:{config.port}")
    while not dns.shutdown.wait(1):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
