package org.motormesh.dashboard;

import com.google.gson.JsonObject;

/** The latest status report of one node and when it arrived (dashboard loop time). */
record NodeStatus(JsonObject report, long receivedMs) {
    /** The report's application part, empty when absent. */
    JsonObject app() {
        return report.has("app") && report.get("app").isJsonObject() ? report.getAsJsonObject("app") : new JsonObject();
    }
}
