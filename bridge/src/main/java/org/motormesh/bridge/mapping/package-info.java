/** Channel JSON frames and their lossless mapping to mesh values, plus which topics cross the bridge and under what name. */
package org.motormesh.bridge.mapping;
