# smartmotor: the Smart Motor behind a small interface (servo, knob, display, buttons):
# the board's parts, and a fake of it for the host.
from .board import Buttons, Knob, Servo, clamp


class Motor:
    # angle in degrees 0-180 (None before the first move); lines of text for the display
    angle = None

    def set_angle(self, angle):
        raise NotImplementedError

    def knob(self):
        raise NotImplementedError

    def show(self, lines):
        pass

    def buttons(self, now):
        # [(button index, board.PRESS|board.HOLD)], usually empty
        return ()


class SmartMotor(Motor):
    # the real board; machine (and ssd1306) are modules, passed in so tests can fake them
    def __init__(self, machine, display):
        self.servo = Servo(machine)
        self.knob_ = Knob(machine)
        self.display = display
        self.buttons_ = Buttons(machine)

    def set_angle(self, angle):
        self.servo.move(angle)
        self.angle = self.servo.angle

    def knob(self):
        return self.knob_.read()

    def show(self, lines):
        self.display.show(lines)

    def buttons(self, now):
        return self.buttons_.poll(now)


class FakeMotor(Motor):
    # host stand-in: the knob is set by hand, the servo and display are recorded,
    # button events are queued by hand in .pressed
    def __init__(self, on_angle=None):
        self.knob_angle = 0
        self.angle = 0
        self.lines = []
        self.pressed = []
        self._on_angle = on_angle

    def set_angle(self, angle):
        self.angle = clamp(angle)
        if self._on_angle:
            self._on_angle(self.angle)

    def knob(self):
        return self.knob_angle

    def show(self, lines):
        self.lines = list(lines)

    def buttons(self, now):
        out, self.pressed = self.pressed, []
        return out
