# Board tests over the recording fake of machine and ssd1306: pins, servo pulses and
# start-up duty, knob averaging and dead band, buttons, the OLED and its failures.
import unittest

from motormesh import board
from motormesh.apps import App
from motormesh.board import HOLD, PRESS, Button, Buttons, Knob, Servo, default_name
from motormesh.display import Display, wrap
from motormesh.smartmotor import SmartMotor
from tests.fakes import machine, ssd1306
from tests.test_node import Net


def calls(kind):
    return [c for c in machine.calls if c[0] == kind]


class ServoTest(unittest.TestCase):
    def setUp(self):
        machine.clear()

    def test_should_start_pwm_at_50_hz_with_duty_0(self):
        Servo(machine)
        self.assertEqual(calls("Pin"), [("Pin", 2, -1, -1)])
        self.assertEqual(calls("PWM"), [("PWM", 2, 50, 0, None)])
        self.assertEqual(calls("PWM.duty_ns"), [])

    def test_should_pulse_600_to_2400_us_for_0_to_180_degrees(self):
        s = Servo(machine)
        for angle in (0, 90, 180, -20, 400, 45.9):
            s.move(angle)
        self.assertEqual([c[2] for c in calls("PWM.duty_ns")], [600000, 1500000, 2400000, 600000, 2400000, 1050000])
        self.assertEqual(s.angle, 45)

    def test_should_fall_back_to_duty_u16_0_on_firmware_without_duty_keywords(self):
        class OldPWM(machine.PWM):
            def __init__(self, pin, freq=None):
                machine.PWM.__init__(self, pin, freq)

        class Old:
            Pin = machine.Pin
            PWM = OldPWM

        Servo(Old)
        self.assertEqual(calls("PWM.duty_u16"), [("PWM.duty_u16", 2, 0)])

    def test_should_move_a_receiver_to_90_at_start_and_leave_a_controller_still(self):
        net = Net()
        for role, expect in (("receiver", [1500000]), ("controller", [])):
            machine.clear()
            node, _ = net.add("motor-" + role, 47000 + len(role))
            App(node, SmartMotor(machine, Display()), role)
            self.assertEqual([c[2] for c in calls("PWM.duty_ns")], expect, role)


class KnobTest(unittest.TestCase):
    def setUp(self):
        machine.clear()

    def test_should_read_the_adc_on_gpio3_at_11_db(self):
        Knob(machine)
        self.assertEqual(calls("ADC"), [("ADC", 3, None)])
        self.assertEqual(calls("ADC.atten"), [("ADC.atten", 3, machine.ADC.ATTN_11DB)])

    def test_should_average_three_reads(self):
        machine.adc[3] = [0, 0, 0, 65535, 65535, 0]
        k = Knob(machine)
        self.assertEqual(k.angle, 0)
        self.assertEqual(k.read(), 120)

    def test_should_ignore_changes_under_3_degrees(self):
        def at(deg):
            machine.adc[3] = (deg * 65535 + 179) // 180

        at(90)
        k = Knob(machine)
        seen = []
        for deg in (91, 92, 88, 93, 95, 94, 180, 1, 0):
            at(deg)
            seen.append(k.read())
        self.assertEqual(seen, [90, 90, 90, 93, 93, 93, 180, 1, 0])


class ButtonTest(unittest.TestCase):
    def setUp(self):
        machine.clear()

    def test_should_make_gpio_8_9_10_pulled_up_inputs_and_never_drive_10(self):
        SmartMotor(machine, Display(machine, ssd1306, None))
        ins = [(c[1], c[3]) for c in calls("Pin") if c[2] == machine.Pin.IN]
        self.assertEqual(ins, [(8, machine.Pin.PULL_UP), (9, machine.Pin.PULL_UP), (10, machine.Pin.PULL_UP)])
        self.assertEqual([c for c in calls("Pin") if c[2] in (machine.Pin.OUT, machine.Pin.OPEN_DRAIN)], [])
        self.assertEqual(calls("Pin.value"), [])

    def drive(self, button, levels):
        # levels: [(ms, level)] from ms 0 in 10 ms steps -> events [(ms, event)]
        out = []
        plan = dict(levels)
        level = 1
        for now in range(0, 3000, 10):
            level = plan.get(now, level)
            machine.levels[8] = level
            e = button.poll(now)
            if e:
                out.append((now, e))
        return out

    def test_should_report_a_press_on_release(self):
        self.assertEqual(self.drive(Button(machine, 8), [(100, 0), (300, 1)]), [(330, PRESS)])

    def test_should_ignore_a_10_ms_bounce(self):
        self.assertEqual(self.drive(Button(machine, 8), [(100, 0), (110, 1), (500, 0), (510, 1)]), [])

    def test_should_report_a_hold_once_and_no_press_after_it(self):
        self.assertEqual(self.drive(Button(machine, 8), [(100, 0), (2500, 1)]), [(1130, HOLD)])

    def test_should_report_which_of_the_three_buttons(self):
        bs = Buttons(machine)
        machine.levels[10] = 0
        for now in (0, 40, 80):
            bs.poll(now)
        machine.levels[10] = 1
        self.assertEqual(list(bs.poll(120)), [])
        self.assertEqual(bs.poll(160), [(2, PRESS)])


class DisplayTest(unittest.TestCase):
    def setUp(self):
        machine.clear()
        ssd1306.clear()
        self.printed = []

    def tearDown(self):
        ssd1306.clear()

    def test_should_drive_an_ssd1306_128x64_at_0x3c_on_scl_7_sda_6(self):
        d = Display(machine, ssd1306, self.printed.append)
        self.assertEqual(calls("I2C"), [("I2C", 0, 7, 6, 400000)])
        self.assertEqual(ssd1306.made, [(128, 64, 0x3C)])
        d.show(["motor-1", "receiver"])
        self.assertEqual(ssd1306.screens, [["motor-1", "receiver"]])
        self.assertEqual(self.printed, [])

    def test_should_print_instead_when_the_oled_is_missing(self):
        ssd1306.FAIL[0] = "init"
        d = Display(machine, ssd1306, self.printed.append)
        d.show(["No Wi-Fi yet"])
        self.assertIsNone(d.oled)
        self.assertEqual(self.printed[-1], "No Wi-Fi yet")

    def test_should_print_instead_when_the_oled_fails_later(self):
        d = Display(machine, ssd1306, self.printed.append)
        ssd1306.FAIL[0] = "show"
        d.show(["a", "b"])
        d.show(["c"])
        self.assertIsNone(d.oled)
        self.assertEqual(self.printed[-1], "c")
        self.assertIsInstance(d.error, OSError)

    def test_should_wrap_words_onto_16_character_lines(self):
        self.assertEqual(wrap("copy motormesh.json to the board"), ["copy", "motormesh.json", "to the board"])
        self.assertEqual(wrap("x" * 20), ["x" * 16, "xxxx"])


class NameTest(unittest.TestCase):
    def test_should_name_the_board_from_its_chip_id(self):
        self.assertEqual(default_name(machine), "motor-5eb107")
        self.assertEqual(board.BUTTON_PINS, (8, 9, 10))


if __name__ == "__main__":
    unittest.main()
