# Freezes the motormesh package into a MicroPython firmware, so its bytecode runs from
# flash instead of being copied into the heap (README "Footprint": 71 KB -> 32 KB of heap
# for a controller on the 32-bit unix port). For an ESP32-C3:
#   make -C ports/esp32 BOARD=ESP32_GENERIC_C3 FROZEN_MANIFEST=/path/to/esp32-client/firmware/manifest.py
# (run from a MicroPython v1.28 checkout with ESP-IDF set up; not built on this project's CI).
include("$(PORT_DIR)/boards/manifest.py")
package("motormesh", base_path="..")
