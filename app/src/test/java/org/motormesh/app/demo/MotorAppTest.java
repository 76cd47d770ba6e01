package org.motormesh.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.Values;

class MotorAppTest {
    @Test
    void shouldSweepTheKnobFromZeroToOneEightyAndBack() {
        Knob knob = new Knob(4000, 0);
        assertEquals(0, knob.angle(0));
        assertEquals(90, knob.angle(1000));
        assertEquals(180, knob.angle(2000));
        assertEquals(90, knob.angle(3000));
        assertEquals(0, knob.angle(4000));
    }

    @Test
    void shouldPublishTheControllerAngleOnlyWhenItChanged() {
        ControllerApp app = new ControllerApp(new Knob(4000, 0));
        assertEquals(Values.of(0L), app.step(0));
        assertNull(app.step(5), "same angle, nothing to say");
        assertEquals(Values.of(9L), app.step(100));
    }

    @Test
    void shouldPublishAtMostFiftyTimesASecond() {
        ControllerApp app = new ControllerApp(new Knob(400, 0));
        int published = 0;
        for (long t = 0; t < 1000; t++) {
            if (app.step(t) != null) {
                published++;
            }
        }
        assertEquals(50, published);
    }

    @Test
    void shouldMoveTheReceiverServoOnlyForItsFollowedTopic() {
        ReceiverApp app = new ReceiverApp("receiver-1", "controller-1");
        assertEquals(List.of("/SM/controller-1/angle", "/SM/receiver-1/set"), app.subscriptions());
        app.onMessage("/SM/controller-1/angle", Values.of(42L));
        assertEquals(42, app.angle());
        app.onMessage("/SM/other/angle", Values.of(7L));
        assertEquals(42, app.angle());
        app.onMessage("/SM/controller-1/angle", Values.text("heartbeat"));
        assertEquals(42, app.angle());
    }

    @Test
    void shouldClampAndRoundTheReceiverAngle() {
        ReceiverApp app = new ReceiverApp("r", "c");
        app.onMessage("/SM/c/angle", Values.of(250L));
        assertEquals(180, app.angle());
        app.onMessage("/SM/c/angle", Values.of(-3.0));
        assertEquals(0, app.angle());
        app.onMessage("/SM/c/angle", Values.of(44.6));
        assertEquals(45, app.angle());
    }

    @Test
    void shouldMoveToASetAngleAndHoldItAgainstTheFollowedTopicForThreeSeconds() {
        ReceiverApp app = new ReceiverApp("r", "c");
        app.step(1000);
        app.onMessage("/SM/r/set", Values.of(30L));
        assertEquals(30, app.angle());
        app.step(1000 + ReceiverApp.SET_HOLD_MS - 1);
        app.onMessage("/SM/c/angle", Values.of(100L));
        assertEquals(30, app.angle());
        app.step(1000 + ReceiverApp.SET_HOLD_MS);
        app.onMessage("/SM/c/angle", Values.of(101L));
        assertEquals(101, app.angle());
        assertEquals(1L, app.status().get("sets"));
    }

    @Test
    void shouldIgnoreASetThatIsNotANumberAndAnotherMotorsSet() {
        ReceiverApp app = new ReceiverApp("r", "c");
        app.onMessage("/SM/r/set", Values.text("up"));
        app.onMessage("/SM/x/set", Values.of(10L));
        assertEquals(90, app.angle());
        app.onMessage("/SM/c/angle", Values.of(70L));
        assertEquals(70, app.angle());
    }
}
