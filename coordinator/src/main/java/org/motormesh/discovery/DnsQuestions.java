package org.motormesh.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the questions of an mDNS query packet (responses yield none), bounded like {@link SrvRecordReader}: at
 * most 32 questions, names through its compression-safe reader. A malformed packet yields what was read before
 * the fault, never an exception. Stateless.
 */
final class DnsQuestions {
    /** One question: the name asked about and the record type. */
    record Question(String name, int type) {
    }

    private static final int MAX_QUESTIONS = 32;

    private DnsQuestions() {
    }

    static List<Question> read(byte[] packet, int length) {
        List<Question> questions = new ArrayList<>();
        if (length < 12 || length > packet.length || (packet[2] & 0x80) != 0) {
            return questions;
        }
        int count = ((packet[4] & 0xff) << 8) | (packet[5] & 0xff);
        if (count > MAX_QUESTIONS) {
            return questions;
        }
        int[] at = {12};
        for (int i = 0; i < count; i++) {
            String name = SrvRecordReader.readName(packet, length, at);
            if (name == null || at[0] + 4 > length) {
                return questions;
            }
            int type = ((packet[at[0]] & 0xff) << 8) | (packet[at[0] + 1] & 0xff);
            at[0] += 4;
            questions.add(new Question(name, type));
        }
        return questions;
    }
}
