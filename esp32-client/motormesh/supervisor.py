# supervisor: the top of a Smart Motor. Waits for a valid config and for Wi-Fi, runs the
# device, and catches everything: the error goes on the screen in plain words, and after
# a pause it starts again. A watchdog resets a board whose loop hangs.
import gc

from .board import default_name
from .compat import Clock, const
from .compat import sleep_ms as _sleep_ms
from .config import load
from .display import Display, wrap
from .settings import Settings
from .wifi import AddressChanged, Wifi

_RETRY_MS = const(5000)  # after an error
_CONFIG_MS = const(3000)  # a missing or broken config is read again this often
_WIFI_POLL_MS = const(250)
_WIFI_QUIET_MS = const(3000)  # "Wi-Fi..." first, then why it takes long
_NAP_MS = const(500)  # the longest sleep between watchdog feeds
_RESERVE = const(4096)  # held while the rest of the package is imported, then freed


class ConfigMissing(Exception):
    pass


def explain(e):
    # (title, words) a student can read out
    if isinstance(e, ConfigMissing):
        return "Config missing", "copy motormesh.json to the board"
    if isinstance(e, AddressChanged):
        return "New address", "starting again"
    if isinstance(e, MemoryError):
        return "Out of memory", "starting again"
    if isinstance(e, OSError):
        return "Network error", str(e)
    return "Error", "%s %s" % (type(e).__name__, e)


class Supervisor:
    # machine, network, ssd1306: modules (fakes on the host); run(sup) starts the device
    def __init__(self, machine, network, ssd1306=None, path="motormesh.json", sleep_ms=None, clock=None, echo=print):
        self.machine = machine
        self.network = network
        self.path = path
        self.sleep_ms = sleep_ms or _sleep_ms
        self.clock = clock or Clock()
        self.echo = echo
        self.errors = 0
        self.last_error = None
        self.hooks = []  # extra loop functions fn(now) -> next due (the host simulator)
        self.app_echo = None  # the app's event lines (none on the board: no allocation per message)
        self.scout_port = None  # the loop's default (47001); the host simulator sets its own
        self.display = Display(machine, ssd1306, echo)
        self.motor = None
        self.app = None
        # one free block kept through the imports (they leave the heap in small pieces),
        # for the node, the loop and their first receives: release() before the node (the
        # two buffers that must be one block each were made first: motormesh/__init__.py)
        self._reserve = bytearray(_RESERVE)
        self.wdt = None

    def watchdog(self, seconds):
        # started once the config is read ("watchdog": 0 leaves it off); it cannot be
        # stopped, so after Ctrl-C (mpremote) the board resets itself that much later
        if self.wdt is None and seconds > 0:
            try:
                self.wdt = self.machine.WDT(timeout=seconds * 1000)
            except (AttributeError, ValueError, OSError) as e:
                self.echo("no watchdog: %s" % e)

    def release(self):
        self._reserve = None
        gc.collect()

    def feed(self, now=0):
        if self.wdt:
            self.wdt.feed()
        return now + _NAP_MS

    def pause(self, ms):
        # sleeps in short naps, feeding the watchdog
        while ms > 0:
            self.feed()
            n = min(ms, _NAP_MS)
            self.sleep_ms(n)
            ms -= n
        self.feed()

    def screen(self, title, words):
        self.display.show([title] + wrap(words)[:5])

    def forever(self, tries=0):
        # the board's whole life; tries > 0 (tests) stops after that many errors
        from .device import run

        while True:
            try:
                run(self)
            except Exception as e:  # everything: a board in a classroom never just stops
                self.fail(e)
                if tries and self.errors >= tries:
                    return

    def fail(self, e):
        self.errors += 1
        self.last_error = e
        title, words = explain(e)
        self.echo("%s: %s" % (title, words))
        if not isinstance(e, (ConfigMissing, AddressChanged)):
            try:
                import sys

                sys.print_exception(e)
            except AttributeError:
                pass
        self.screen(title, words + (" - wait" if isinstance(e, AddressChanged) else " - again in 5 s"))
        gc.collect()
        if isinstance(e, MemoryError):
            try:
                import micropython

                micropython.mem_info()  # heap size, free, largest free block: on the console
            except (ImportError, AttributeError):
                pass
        self.pause(_NAP_MS if isinstance(e, AddressChanged) else _RETRY_MS)

    def config(self, tries=0):
        # waits for a config that loads and is valid, showing what is wrong
        n = 0
        while True:
            try:
                cfg = load(self.path)
                if not cfg.ssid and not cfg.iface:
                    raise ValueError("no ssid: put your Wi-Fi name in ssid")
                return cfg
            except OSError:
                self.screen("Config missing", "copy %s to the board" % self.path)
            except ValueError as e:
                self.screen("Config broken", str(e))
            n += 1
            if tries and n >= tries:
                raise ConfigMissing()
            self.pause(_CONFIG_MS)

    def wifi(self, cfg, name, tries=0):
        # Wi-Fi up, however long it takes; returns (Wifi, address)
        w = Wifi(self.network, cfg.ssid, cfg.password, name)
        start = self.clock.now()
        n = 0
        while True:
            now = self.clock.now()
            if w.try_connect(now):
                w.ip = w.address()
                return w, w.ip
            waited = now - start
            if waited < _WIFI_QUIET_MS:
                self.screen("Wi-Fi...", cfg.ssid)
            else:
                self.display.show(["No Wi-Fi yet", cfg.ssid[:16], w.why(), "trying %d s" % (waited // 1000)])
            n += 1
            if tries and n >= tries:
                raise OSError("no Wi-Fi")
            self.pause(_WIFI_POLL_MS)

    def board(self, cfg):
        # the parts, made once (a restart keeps the servo where it is), and the watchdog
        self.watchdog(cfg.watchdog)
        if self.motor is None:
            from .board import SmartMotor

            self.motor = SmartMotor(self.machine, self.display)
        name = cfg.name or default_name(self.machine)
        s = Settings().load()
        role = s.role or cfg.role
        if s.role:
            follow = s.follow
        else:  # config: "" nobody until paired, "*" every controller
            follow = "" if cfg.follow == "*" else (cfg.follow or None)
        return self.motor, name, role, follow, s
