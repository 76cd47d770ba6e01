# smartmotor: the Smart Motor's interface (servo, knob, display, buttons) and a fake of
# it for the host; the real one is board.SmartMotor (the board never imports this module).
from .board import SmartMotor, clamp  # noqa: F401 (SmartMotor: the real one, in board)


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
