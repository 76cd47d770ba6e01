# board: the Smart Motor's parts on an ESP32-C3 (the pin map lives here and only here):
# servo, knob, buttons, and the SmartMotor made of them; `machine` is passed in, so the
# host tests hand in a fake.
from .compat import const

SERVO_PIN = const(2)
KNOB_PIN = const(3)
SCL_PIN = const(7)
SDA_PIN = const(6)
OLED_ADDR = const(0x3C)
BUTTON_PINS = (8, 9, 10)  # inputs, pull-up, pressed = 0; GPIO10 is a button, never an output
PAIR = const(0)  # index in BUTTON_PINS: GPIO8
ROLE = const(1)  # GPIO9
_MIN_NS = const(600000)  # 0 degrees
_SPAN_NS = const(1800000)  # 2400 us at 180 degrees
_KNOB_READS = const(3)
_DEAD_BAND = const(3)  # degrees: a smaller change of the knob is noise
_DEBOUNCE_MS = const(30)
_HOLD_MS = const(1000)
PRESS = const(1)
HOLD = const(2)


def clamp(angle):
    return 0 if angle < 0 else 180 if angle > 180 else int(angle)


def pulse_ns(angle):
    return _MIN_NS + _SPAN_NS * clamp(angle) // 180


class Servo:
    # PWM 50 Hz created with duty 0 (no pulse: a PWM without a duty gives 50 %, a 10 ms
    # pulse no hobby servo understands); the first move starts the pulses
    def __init__(self, machine, pin=SERVO_PIN):
        p = machine.Pin(pin)
        try:
            self.pwm = machine.PWM(p, freq=50, duty_u16=0)
        except TypeError:  # firmware without duty keywords
            self.pwm = machine.PWM(p, freq=50)
            self.pwm.duty_u16(0)
        self.angle = None

    def move(self, angle):
        self.angle = clamp(angle)
        self.pwm.duty_ns(pulse_ns(self.angle))


class Knob:
    # potentiometer on the ADC (11 dB: the full 0-3.3 V), the average of 3 reads,
    # changes under 3 degrees ignored
    def __init__(self, machine, pin=KNOB_PIN):
        self.adc = machine.ADC(machine.Pin(pin))
        self.adc.atten(machine.ADC.ATTN_11DB)
        self.angle = self._read()

    def _read(self):
        r = self.adc.read_u16
        total = 0
        for _ in range(_KNOB_READS):
            total += r()
        return total * 180 // (65535 * _KNOB_READS)

    def read(self):
        a = self._read()
        d = a - self.angle
        if d >= _DEAD_BAND or d <= -_DEAD_BAND or (a != self.angle and a in (0, 180)):
            self.angle = a
        return self.angle


class Button:
    # debounced; poll(now) returns PRESS on a release before 1 s, HOLD once at 1 s held
    def __init__(self, machine, pin, hold_ms=_HOLD_MS):
        self.pin = machine.Pin(pin, machine.Pin.IN, machine.Pin.PULL_UP)
        self.hold_ms = hold_ms
        self.down = False
        self._raw = 1
        self._since = 0
        self._down_at = 0
        self._held = False

    def poll(self, now):
        v = self.pin.value()
        if v != self._raw:
            self._raw = v
            self._since = now
            return 0
        if now - self._since < _DEBOUNCE_MS:
            return 0
        down = v == 0
        if down != self.down:
            self.down = down
            if down:
                self._down_at = now
                self._held = False
                return 0
            return 0 if self._held else PRESS
        if down and not self._held and now - self._down_at >= self.hold_ms:
            self._held = True
            return HOLD
        return 0


class Buttons:
    # the three buttons; poll(now) -> [(index, PRESS|HOLD)] (usually empty)
    def __init__(self, machine, pins=BUTTON_PINS, hold_ms=(_HOLD_MS, 2000, _HOLD_MS)):
        self.all = [Button(machine, p, h) for p, h in zip(pins, hold_ms)]
        self._none = ()

    def poll(self, now):
        out = self._none
        for i, b in enumerate(self.all):
            e = b.poll(now)
            if e:
                if out is self._none:
                    out = []
                out.append((i, e))
        return out


class SmartMotor:
    # the real board behind the app's motor interface (set_angle, knob, show, buttons;
    # smartmotor.Motor); display: a display.Display
    def __init__(self, machine, display):
        self.servo = Servo(machine)
        self.knob_ = Knob(machine)
        self.display = display
        self.buttons_ = Buttons(machine)
        self.angle = None

    def set_angle(self, angle):
        self.servo.move(angle)
        self.angle = self.servo.angle

    def knob(self):
        return self.knob_.read()

    def show(self, lines):
        self.display.show(lines)

    def buttons(self, now):
        return self.buttons_.poll(now)


def default_name(machine):
    # "motor-" and the last 6 hex digits of the chip id: no two boards share a name
    import binascii

    return "motor-" + binascii.hexlify(machine.unique_id()).decode()[-6:]
