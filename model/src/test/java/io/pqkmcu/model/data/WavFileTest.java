package io.pqkmcu.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavFileTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private String readError(byte[] bytes) throws IOException {
        Path p = file("x.wav", bytes);
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavFile.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        // the header-only path must reject the same files with the same message
        WavFormatException h = assertThrows(WavFormatException.class, () -> WavFile.readHeader(p));
        assertEquals(e.getMessage(), h.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
    }

    @Test
    void writeThenReadRoundTrips() {
        short[] s = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345, -23456};
        Path p = dir.resolve("sub/a.wav");
        WavFile.write(p, s, 16000);
        WavAudio a = WavFile.read(p);
        assertEquals(16000, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals(16, a.bitsPerSample());
        assertArrayEquals(s, a.samples());
        assertArrayEquals(s, WavFile.readKwsClip(p, 16000));
        // no temp files left beside the target
        assertEquals(1, dir.resolve("sub").toFile().list().length);
    }

    @Test
    void writtenHeaderIsTheCanonical44Bytes() {
        byte[] b = WavFile.toBytes(new short[] {1, 2}, 16000);
        assertArrayEquals(WavBytes.mono16(16000, (short) 1, (short) 2).bytes(), b);
        assertEquals(48, b.length);
    }

    @Test
    void skipsUnknownChunksAndOddPadding() throws IOException {
        byte[] odd = {'a', 'b', 'c'}; // 3 bytes + pad byte
        byte[] bytes = new WavBytes().chunk("LIST", odd).fmt(1, 1, 16000, 16).chunk("junk", new byte[5])
                .chunk("data", WavBytes.le16((short) 7, (short) -8)).chunk("cue ", new byte[4]).bytes();
        Path p = file("x.wav", bytes);
        assertArrayEquals(new short[] {7, -8}, WavFile.read(p).samples());
        WavHeader h = WavFile.readHeader(p);
        assertEquals(2, h.frames());
    }

    @Test
    void readsExtensiblePcm() throws IOException {
        byte[] bytes = new WavBytes().fmtExtensible(1, 1, 16000, 16).chunk("data", WavBytes.le16((short) 3)).bytes();
        assertArrayEquals(new short[] {3}, WavFile.readKwsClip(file("x.wav", bytes), 16000));
    }

    @Test
    void readsOtherWidthsAsSixteenBit() throws IOException {
        WavAudio a8 = WavFile.read(file("a.wav", WavBytes.pcm(8000, 1, 8, new byte[] {(byte) 128, (byte) 255, 0}).bytes()));
        assertArrayEquals(new short[] {0, 127 << 8, -128 << 8}, a8.samples());
        WavAudio a24 = WavFile.read(file("b.wav", WavBytes.pcm(8000, 1, 24, new byte[] {0x11, 0x34, 0x12}).bytes()));
        assertArrayEquals(new short[] {0x1234}, a24.samples());
        WavAudio st = WavFile.read(file("c.wav", WavBytes.pcm(8000, 2, 16, WavBytes.le16((short) 1, (short) 2)).bytes()));
        assertEquals(2, st.channels());
        assertEquals(1, st.frames());
    }

    @Test
    void readsAWindowOfFrames() {
        short[] s = new short[100];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (i * 3);
        }
        Path p = dir.resolve("long.wav");
        WavFile.write(p, s, 16000);
        WavHeader h = WavFile.readHeader(p);
        assertArrayEquals(Arrays.copyOfRange(s, 40, 50), WavFile.readFrames(p, h, 40, 10));
        assertThrows(IllegalArgumentException.class, () -> WavFile.readFrames(p, h, 95, 10));
    }

    @Test
    void kwsContractNamesEveryBrokenRuleAndTheFix() throws IOException {
        Path rate = file("rate.wav", WavBytes.mono16(44100, (short) 1).bytes());
        String m = assertThrows(WavFormatException.class, () -> WavFile.readKwsClip(rate, 16000)).getMessage();
        assertEquals(rate + ": sample rate is 44100 Hz, expected 16000 Hz (resample with: sox " + rate
                + " -r 16000 -c 1 -b 16 rate_16k.wav)", m);

        Path stereo = file("st.wav", WavBytes.pcm(16000, 2, 16, new byte[4]).bytes());
        assertContains(assertThrows(WavFormatException.class, () -> WavFile.readKwsClip(stereo, 16000)).getMessage(),
                "stereo (2 channels), expected mono");

        Path eight = file("e.wav", WavBytes.pcm(16000, 1, 8, new byte[2]).bytes());
        assertContains(assertThrows(WavFormatException.class, () -> WavFile.readKwsClip(eight, 16000)).getMessage(),
                "8-bit samples, expected 16-bit PCM");

        Path all = file("all.wav", WavBytes.pcm(48000, 2, 24, new byte[6]).bytes());
        String m3 = assertThrows(WavFormatException.class, () -> WavFile.readKwsClip(all, 16000)).getMessage();
        assertContains(m3, "sample rate is 48000 Hz");
        assertContains(m3, "stereo");
        assertContains(m3, "24-bit");
        assertContains(m3, "convert with: sox");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        assertContains(readError(new byte[0]), "empty (0 bytes)");
    }

    @Test
    void rejectsNonWav() throws IOException {
        assertContains(readError("hello, I am a text file".getBytes()), "not a WAV file (no RIFF header)");
        assertContains(readError(new WavBytes().wave("AVI ").bytes()), "RIFF type is 'AVI '");
        assertContains(readError(new WavBytes().riff("RIFX").bytes()), "big-endian");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        assertContains(readError("RIFF\0\0".getBytes()), "truncated");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] bytes = new WavBytes().fmt(1, 1, 16000, 16).rawChunk("data", 32000, new byte[1204], false).bytes();
        assertContains(readError(bytes), "truncated: data chunk announces 32000 bytes, file holds 1204");
    }

    @Test
    void rejectsTruncatedOtherChunk() throws IOException {
        byte[] bytes = new WavBytes().fmt(1, 1, 16000, 16).rawChunk("LIST", 500, new byte[10], false).bytes();
        assertContains(readError(bytes), "truncated: 'LIST' chunk announces 500 bytes, file holds 10");
    }

    @Test
    void rejectsCompressedAndFloat() throws IOException {
        assertContains(readError(new WavBytes().fmt(0x55, 1, 16000, 16).chunk("data", new byte[2]).bytes()),
                "compressed format (code 0x0055, MP3), expected PCM");
        assertContains(readError(new WavBytes().fmt(3, 1, 16000, 32).chunk("data", new byte[4]).bytes()),
                "floating-point samples (format code 0x0003)");
        assertContains(readError(new WavBytes().fmtExtensible(3, 1, 16000, 32).chunk("data", new byte[4]).bytes()),
                "floating-point");
    }

    @Test
    void rejectsMissingChunks() throws IOException {
        assertContains(readError(new WavBytes().fmt(1, 1, 16000, 16).bytes()), "no 'data' chunk");
        assertContains(readError(new WavBytes().chunk("data", new byte[2]).bytes()), "no 'fmt ' chunk");
    }

    @Test
    void rejectsInconsistentFmt() throws IOException {
        assertContains(readError(new WavBytes().fmt(1, 0, 16000, 16).chunk("data", new byte[2]).bytes()), "0 channels");
        assertContains(readError(new WavBytes().fmt(1, 1, 16000, 12).chunk("data", new byte[2]).bytes()), "12-bit samples");
        assertContains(readError(new WavBytes().chunk("fmt ", new byte[10]).chunk("data", new byte[2]).bytes()),
                "'fmt ' chunk is 10 bytes, expected at least 16");
        assertContains(readError(WavBytes.pcm(16000, 1, 16, new byte[3]).bytes()), "not a whole number of 2-byte frames");
    }

    @Test
    void reportsMissingFileAndDirectory() {
        Path missing = dir.resolve("nope.wav");
        assertEquals(missing + ": no such file",
                assertThrows(WavFormatException.class, () -> WavFile.read(missing)).getMessage());
        assertContains(assertThrows(WavFormatException.class, () -> WavFile.read(dir)).getMessage(), "is a directory");
    }

    @Test
    void streamedHeaderAcceptsPlaceholderDataSize() {
        // espeak-ng --stdout announces 0x7ffff000 bytes because it cannot seek back on a pipe
        byte[] bytes = new WavBytes().fmt(1, 1, 22050, 16).rawChunk("data", 0x7ffff000L, WavBytes.le16((short) 5, (short) 6), false)
                .bytes();
        assertArrayEquals(new short[] {5, 6}, WavFile.parseStreamed(bytes, "pipe").samples());
        assertThrows(WavFormatException.class, () -> WavFile.parse(bytes, "pipe"));
    }

    @Test
    void riffSizeMustAccountForTheWholeFile() throws IOException {
        byte[] good = WavBytes.mono16(16000, (short) 1, (short) 2).bytes();
        byte[] longer = Arrays.copyOf(good, good.length + 6); // e.g. a tag appended after the RIFF chunk
        assertContains(readError(longer), "the RIFF header announces 48 bytes, but the file holds 54 (6 bytes after the RIFF chunk)");
        byte[] shorter = good.clone();
        java.nio.ByteBuffer.wrap(shorter).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 100);
        assertContains(readError(shorter), "truncated: the RIFF header announces 108 bytes, the file holds 48");
        // an odd last chunk whose pad byte the RIFF size leaves out is a common writer slip, and accepted
        byte[] odd = new WavBytes().fmt(1, 1, 16000, 16).chunk("data", new byte[2]).chunk("note", new byte[3]).bytes();
        java.nio.ByteBuffer.wrap(odd).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, odd.length - 9);
        assertEquals(1, WavFile.read(file("odd.wav", odd)).samples().length);
    }

    @Test
    void suggestedSoxCommandsAreShellQuoted() throws IOException {
        Path p = dir.resolve("my clip's.wav");
        Files.write(p, WavBytes.pcm(8000, 1, 16, new byte[4]).bytes());
        String m = assertThrows(WavFormatException.class, () -> WavFile.readKwsClip(p, 16000)).getMessage();
        assertContains(m, "sox '" + dir + "/my clip'\\''s.wav' -r 16000 -c 1 -b 16 'my clip'\\''s_16k.wav'");
        assertEquals("plain/path_1.wav", io.pqkmcu.model.util.ShellQuote.quote("plain/path_1.wav"));
    }
}
