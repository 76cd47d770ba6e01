# smartmotor: the Smart Motor hardware behind a small interface (servo, knob,
# display), and a fake of it for the host.
from .compat import const

_SERVO_PIN = const(2)
_KNOB_PIN = const(3)
_SCL_PIN = const(7)
_SDA_PIN = const(6)
_OLED_RESET_PIN = const(10)
_MIN_NS = const(500000)
_MAX_NS = const(2500000)


def clamp(angle):
    return 0 if angle < 0 else 180 if angle > 180 else int(angle)


class Motor:
    # angle in degrees 0-180; lines of text for the display
    angle = 0

    def set_angle(self, angle):
        raise NotImplementedError

    def knob(self):
        raise NotImplementedError

    def show(self, lines):
        pass


class SmartMotor(Motor):
    # ESP32: servo on PWM pin 2, potentiometer on ADC pin 3, SSD1306 128x64 on I2C
    def __init__(self):
        from machine import ADC, I2C, PWM, Pin

        self._pwm = PWM(Pin(_SERVO_PIN), freq=50)
        self._adc = ADC(Pin(_KNOB_PIN))
        self._adc.atten(ADC.ATTN_11DB)
        self._oled = None
        try:
            import ssd1306
            import time

            rst = Pin(_OLED_RESET_PIN, Pin.OUT)
            rst.value(0)
            time.sleep_ms(5)
            rst.value(1)
            self._oled = ssd1306.SSD1306_I2C(128, 64, I2C(0, scl=Pin(_SCL_PIN), sda=Pin(_SDA_PIN)))
        except (ImportError, OSError) as e:
            print("display off:", e)

    def set_angle(self, angle):
        self.angle = clamp(angle)
        self._pwm.duty_ns(_MIN_NS + (_MAX_NS - _MIN_NS) * self.angle // 180)

    def knob(self):
        return self._adc.read_u16() * 180 // 65535

    def show(self, lines):
        o = self._oled
        if o:
            o.fill(0)
            for i, line in enumerate(lines[:6]):
                o.text(line[:16], 0, i * 10)
            o.show()


class FakeMotor(Motor):
    # host stand-in: the knob is set by hand, the servo and display are recorded
    def __init__(self, on_angle=None):
        self.knob_angle = 0
        self.lines = []
        self._on_angle = on_angle

    def set_angle(self, angle):
        self.angle = clamp(angle)
        if self._on_angle:
            self._on_angle(self.angle)

    def knob(self):
        return self.knob_angle

    def show(self, lines):
        self.lines = list(lines)
