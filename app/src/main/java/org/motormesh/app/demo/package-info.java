/**
 * The offline demo: simulated Smart Motors (real mesh nodes running the ESP32 apps' logic), a simulated LEGO
 * hub on the embedded channel, a bridge and a dashboard, all on loopback, started and stopped as one.
 */
package org.motormesh.app.demo;
