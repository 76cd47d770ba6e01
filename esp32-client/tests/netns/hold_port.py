# hold_port PORT: binds a plain UDP socket to 0.0.0.0:PORT without SO_REUSEADDR, as the
# stock ESP32 firmware's mDNS responder holds 5353, prints "held PORT", and keeps it until
# stdin closes (the test runner went away) or SIGTERM.
import signal
import socket
import sys

port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", port))
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
print("held %d" % port, flush=True)
sys.stdin.read()
