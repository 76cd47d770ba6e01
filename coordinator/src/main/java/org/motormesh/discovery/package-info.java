/** DNS-SD over mDNS (JmDNS): advertises this node and reports peers found on the chosen interface. */
package org.motormesh.discovery;
