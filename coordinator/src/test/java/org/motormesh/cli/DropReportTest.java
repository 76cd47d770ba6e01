package org.motormesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DropReportTest {
    @Test
    void shouldReportOnlyGrowthWithAHint() {
        DropReport report = new DropReport();
        assertEquals("dropped in the last 10 s: 3 BAD_TAG (a node with a different group key?)",
                report.since(Map.of("BAD_TAG", 3L), 10));
        assertNull(report.since(Map.of("BAD_TAG", 3L), 10));
        assertEquals("dropped in the last 10 s: 2 TRUNCATED", report.since(Map.of("BAD_TAG", 3L, "TRUNCATED", 2L), 10));
    }
}
