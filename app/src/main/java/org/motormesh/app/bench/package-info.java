/** Benchmarks that print figures measured side by side in one run (core mesh, compare, bridge; not unit tests). */
package org.motormesh.app.bench;
