# ssd1306: a recording fake of the micropython-lib OLED driver; FAIL[0] = "init" or
# "show" makes it raise OSError the way a missing or failing I2C display does.
FAIL = [None]
screens = []  # every frame shown: the texts drawn since fill() (the last KEEP[0])
KEEP = [200]
made = []  # (width, height, addr) of every display created


def clear():
    FAIL[0] = None
    del screens[:]
    del made[:]


class SSD1306_I2C:
    def __init__(self, width, height, i2c, addr=0x3C, external_vcc=False):
        if FAIL[0] == "init":
            raise OSError(19)  # ENODEV: nothing answers at the address
        made.append((width, height, addr))
        self.buf = []

    def fill(self, c):
        self.buf = []

    def text(self, s, x, y, c=1):
        self.buf.append(s)

    def show(self):
        if FAIL[0] == "show":
            raise OSError(5)  # EIO
        screens.append(self.buf)
        if len(screens) > KEEP[0]:
            del screens[: len(screens) - KEEP[0]]
