"""One A query over UDP, for the benchmark scripts' Python clients (no process start-up per query)."""
import random
import socket
import struct


def ask(port, name, host="127.0.0.1", timeout=1):
    """(rcode, [IPv4 addresses in the answer]) of an A query for name, or (None, []) on a timeout."""
    qid = random.randrange(65536)
    packet = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.strip(".").split("."):
        packet += bytes([len(label)]) + label.encode()
    packet += b"\x00" + struct.pack(">HH", 1, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(packet, (host, port))
        try:
            reply = s.recv(4096)
        except socket.timeout:
            return None, []
    rcode, count = reply[3] & 0x0F, struct.unpack(">H", reply[6:8])[0]
    i = 12
    while reply[i] != 0:  # the question's name
        i += reply[i] + 1
    i += 5
    addresses = []
    for _ in range(count):
        if reply[i] & 0xC0 == 0xC0:  # a compressed owner name
            i += 2
        else:
            while reply[i] != 0:
                i += reply[i] + 1
            i += 1
        rtype, _, _, length = struct.unpack(">HHIH", reply[i:i + 10])
        i += 10
        if rtype == 1:
            addresses.append(socket.inet_ntoa(reply[i:i + 4]))
        i += length
    return rcode, addresses
