# display: the SSD1306 128x64 OLED on I2C (SCL 7, SDA 6, 0x3C), 6 lines of 16 characters;
# an OLED that is missing or fails (OSError) degrades to print-only, never to a stop.
from .board import OLED_ADDR, SCL_PIN, SDA_PIN
from .compat import const

_COLS = const(16)
_ROWS = const(6)


def wrap(text, cols=_COLS):
    # words onto lines of at most cols characters (long words cut)
    lines = []
    line = ""
    for w in str(text).split():
        while len(w) > cols:
            if line:
                lines.append(line)
                line = ""
            lines.append(w[:cols])
            w = w[cols:]
        if not line:
            line = w
        elif len(line) + 1 + len(w) <= cols:
            line += " " + w
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


class Display:
    # show(lines): the screen when they change (the console instead when there is no screen)
    def __init__(self, machine=None, ssd1306=None, echo=print):
        self.oled = None
        self.echo = echo
        self.error = None
        self._last = None
        if machine is None:
            return
        try:
            if ssd1306 is None:
                import ssd1306
            i2c = machine.I2C(0, scl=machine.Pin(SCL_PIN), sda=machine.Pin(SDA_PIN), freq=400000)
            self.oled = ssd1306.SSD1306_I2C(128, 64, i2c, addr=OLED_ADDR)
        except (ImportError, OSError) as e:
            self._off(e)

    def _off(self, e):
        self.oled = None
        self.error = e
        if self.echo:
            self.echo("display off (%s): printing instead" % e)

    def show(self, lines):
        if lines == self._last:
            return
        self._last = lines
        o = self.oled
        if o is None:
            if self.echo:
                self.echo(" | ".join(lines))
            return
        try:
            o.fill(0)
            for i in range(min(len(lines), _ROWS)):
                o.text(lines[i][:_COLS], 0, i * 10 + 2)
            o.show()
        except OSError as e:
            self._off(e)
