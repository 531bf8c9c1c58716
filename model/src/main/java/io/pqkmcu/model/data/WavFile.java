package io.pqkmcu.model.data;

import io.pqkmcu.model.util.AtomicFiles;
import io.pqkmcu.model.util.ShellQuote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes RIFF/WAVE PCM files.
 *
 * <p>Reading validates the whole container before any sample is used: RIFF/WAVE magic, a {@code fmt }
 * chunk that describes integer PCM (plain or WAVE_FORMAT_EXTENSIBLE with the PCM subformat), a block
 * align that matches channels × sample width, and a {@code data} chunk that the file really holds.
 * Unknown chunks (LIST, fact, cue …) are skipped, honouring the pad byte after odd-sized chunks. The RIFF
 * size field must match the file's length (the strict reading: a file with bytes after its RIFF chunk, or one
 * cut short, is refused rather than half-trusted).
 * Every problem is a {@link WavFormatException} whose message starts with the file name.
 *
 * <p>The training contract is 16 kHz, mono, 16-bit signed PCM; {@link #readKwsClip} enforces it and
 * says how to convert a file that breaks it.
 */
public final class WavFile {
    static final int FORMAT_PCM = 0x0001;
    static final int FORMAT_IEEE_FLOAT = 0x0003;
    static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID; bytes 0..1 hold the classic format code. */
    private static final byte[] SUBTYPE_GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
            (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private static final int HEADER_BYTES = 44;

    private WavFile() {}

    // ---------------------------------------------------------------- reading

    /** Reads and validates a PCM WAV file of any rate, channel count and sample width. */
    public static WavAudio read(Path path) {
        byte[] bytes = readAllBytes(path);
        return decode(bytes, path.toString(), false);
    }

    /** Decodes a WAV file held in memory; {@code name} is used in error messages. */
    public static WavAudio parse(byte[] bytes, String name) {
        return decode(bytes, name, false);
    }

    /**
     * Decodes WAV bytes written to a pipe (as {@code espeak-ng --stdout} does): such writers cannot seek
     * back to fix the data chunk size, so they announce a placeholder and the data runs to the end of the
     * stream. Nothing else is relaxed.
     */
    public static WavAudio parseStreamed(byte[] bytes, String name) {
        return decode(bytes, name, true);
    }

    /** Validates a WAV file's chunks without loading its samples. */
    public static WavHeader readHeader(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return parseHeader(new ChannelSource(ch), path.toString(), false);
        } catch (IOException e) {
            throw ioProblem(path, e);
        }
    }

    /**
     * Reads a clip that must follow the training contract: {@code sampleRate}, mono, 16-bit PCM.
     * A file that breaks it is rejected with every broken rule and the sox command that fixes them.
     *
     * @return the samples, [frames]
     */
    public static short[] readKwsClip(Path path, int sampleRate) {
        byte[] bytes = readAllBytes(path);
        String name = path.toString();
        WavHeader h = parseHeader(new ArraySource(bytes), name, false);
        checkKwsContract(h, name, sampleRate);
        return decodeSamples(bytes, (int) h.dataOffset(), (int) h.dataBytes(), h.bitsPerSample());
    }

    /** Checks a validated header against the training contract (rate, mono, 16-bit). */
    public static void checkKwsContract(WavHeader h, String name, int sampleRate) {
        List<String> problems = new ArrayList<>();
        if (h.sampleRate() != sampleRate) {
            problems.add("sample rate is " + h.sampleRate() + " Hz, expected " + sampleRate + " Hz");
        }
        if (h.channels() != 1) {
            problems.add((h.channels() == 2 ? "stereo" : "multi-channel") + " (" + h.channels()
                    + " channels), expected mono");
        }
        if (h.bitsPerSample() != 16) {
            problems.add(h.bitsPerSample() + "-bit samples, expected 16-bit PCM");
        }
        if (problems.isEmpty()) {
            return;
        }
        String verb = problems.size() == 1 && h.sampleRate() != sampleRate ? "resample" : "convert";
        throw new WavFormatException(name + ": " + String.join("; ", problems) + " (" + verb + " with: sox "
                + ShellQuote.quote(name) + " -r " + sampleRate + " -c 1 -b 16 "
                + ShellQuote.quote(stemOf(name) + "_" + sampleRate / 1000 + "k.wav") + ")");
    }

    /** The file name without its directory and without a .wav suffix. */
    private static String stemOf(String name) {
        Path file = Path.of(name).getFileName();
        String fileName = file == null ? name : file.toString();
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".wav")
                ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /**
     * Reads {@code frames} frames starting at {@code firstFrame} from a file whose header was validated by
     * {@link #readHeader}. The window must lie inside the data chunk.
     *
     * @return interleaved 16-bit samples, [frames × channels]
     */
    public static short[] readFrames(Path path, WavHeader h, long firstFrame, int frames) {
        if (firstFrame < 0 || frames < 0 || firstFrame + frames > h.frames()) {
            throw new IllegalArgumentException(path + ": frames " + firstFrame + ".." + (firstFrame + frames)
                    + " are outside the file's " + h.frames() + " frames");
        }
        int bytes = Math.multiplyExact(frames, h.blockAlign());
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long pos = h.dataOffset() + firstFrame * h.blockAlign();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos + buf.position());
                if (n < 0) {
                    throw new WavFormatException(path + ": truncated: the file shrank while it was being read");
                }
            }
        } catch (IOException e) {
            throw ioProblem(path, e);
        }
        return decodeSamples(buf.array(), 0, bytes, h.bitsPerSample());
    }

    private static WavAudio decode(byte[] bytes, String name, boolean streamed) {
        WavHeader h = parseHeader(new ArraySource(bytes), name, streamed);
        if (h.dataBytes() / (h.bitsPerSample() / 8) > Integer.MAX_VALUE - 8) {
            throw new WavFormatException(name + ": too long to load at once (" + h.dataBytes() + " bytes of samples)");
        }
        short[] samples = decodeSamples(bytes, (int) h.dataOffset(), (int) h.dataBytes(), h.bitsPerSample());
        return new WavAudio(h.sampleRate(), h.channels(), h.bitsPerSample(), samples);
    }

    /** Converts little-endian PCM to 16-bit: 8-bit is unsigned and widened, wider samples keep their top 16 bits. */
    private static short[] decodeSamples(byte[] bytes, int offset, int length, int bits) {
        int width = bits / 8;
        short[] out = new short[length / width];
        for (int i = 0, p = offset; i < out.length; i++, p += width) {
            if (width == 1) {
                out[i] = (short) (((bytes[p] & 0xFF) - 128) << 8);
            } else {
                int hi = p + width - 1; // the top two bytes of the little-endian sample
                out[i] = (short) ((bytes[hi] << 8) | (bytes[hi - 1] & 0xFF));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- container parsing

    /** Random access to the bytes of a file or of an array. */
    private interface ByteSource {
        long size() throws IOException;

        /** Reads up to {@code n} bytes at {@code offset}; fewer only at the end of the source. */
        byte[] read(long offset, int n) throws IOException;
    }

    private record ArraySource(byte[] bytes) implements ByteSource {
        public long size() {
            return bytes.length;
        }

        public byte[] read(long offset, int n) {
            int from = (int) Math.min(offset, bytes.length);
            int to = (int) Math.min(offset + n, bytes.length);
            return java.util.Arrays.copyOfRange(bytes, from, to);
        }
    }

    private record ChannelSource(FileChannel ch) implements ByteSource {
        public long size() throws IOException {
            return ch.size();
        }

        public byte[] read(long offset, int n) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(n, ch.size() - offset)));
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private record Fmt(int channels, int sampleRate, int bitsPerSample) {}

    private static WavHeader parseHeader(ByteSource src, String name, boolean streamed) {
        try {
            return parseChunks(src, name, streamed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static WavHeader parseChunks(ByteSource src, String name, boolean streamed) throws IOException {
        long size = src.size();
        if (size == 0) {
            throw new WavFormatException(name + ": empty (0 bytes)");
        }
        byte[] head = src.read(0, 12);
        String magic = fourCc(head, 0);
        if (!"RIFF".equals(magic)) {
            if ("RIFX".equals(magic)) {
                throw new WavFormatException(name + ": big-endian WAV (RIFX) is not supported (convert with: sox "
                        + ShellQuote.quote(name) + " -L out.wav)");
            }
            if ("RF64".equals(magic)) {
                throw new WavFormatException(name + ": RF64 (64-bit) WAV is not supported; split or convert it with sox");
            }
            throw new WavFormatException(name + ": not a WAV file (no RIFF header)");
        }
        if (size < 12) {
            throw new WavFormatException(name + ": truncated: the file ends inside the RIFF header (" + size + " bytes)");
        }
        String type = fourCc(head, 8);
        if (!"WAVE".equals(type)) {
            throw new WavFormatException(name + ": not a WAV file (RIFF type is '" + type + "', expected 'WAVE')");
        }
        Fmt fmt = null;
        long dataOffset = -1;
        long dataBytes = 0;
        long pos = 12;
        while (pos + 8 <= size && (fmt == null || dataOffset < 0)) {
            byte[] ch = src.read(pos, 8);
            String id = fourCc(ch, 0);
            long chunkSize = ByteBuffer.wrap(ch, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            long body = pos + 8;
            long holds = size - body;
            if ("data".equals(id)) {
                dataOffset = body;
                if (chunkSize <= holds) {
                    dataBytes = chunkSize;
                } else if (streamed) {
                    dataBytes = holds;
                } else {
                    throw new WavFormatException(name + ": truncated: data chunk announces " + chunkSize
                            + " bytes, file holds " + holds);
                }
            } else if (chunkSize > holds) {
                throw new WavFormatException(name + ": truncated: '" + printable(id) + "' chunk announces " + chunkSize
                        + " bytes, file holds " + holds);
            } else if ("fmt ".equals(id)) {
                fmt = parseFmt(src.read(body, (int) Math.min(chunkSize, 64)), chunkSize, name);
            }
            pos = body + chunkSize + (chunkSize & 1);
        }
        if (fmt == null) {
            throw new WavFormatException(name + ": no 'fmt ' chunk (the file does not say how its samples are encoded)");
        }
        if (dataOffset < 0) {
            throw new WavFormatException(name + ": no 'data' chunk");
        }
        int blockAlign = fmt.channels() * (fmt.bitsPerSample() / 8);
        if (streamed) {
            dataBytes -= dataBytes % blockAlign;
        } else if (dataBytes % blockAlign != 0) {
            throw new WavFormatException(name + ": data chunk of " + dataBytes + " bytes is not a whole number of "
                    + blockAlign + "-byte frames");
        }
        if (!streamed) {
            checkRiffSize(ByteBuffer.wrap(head, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL, size, name);
        }
        return new WavHeader(fmt.sampleRate(), fmt.channels(), fmt.bitsPerSample(), dataOffset, dataBytes);
    }

    /**
     * The strict reading: the RIFF size field must account for the file exactly. A larger field means the file
     * was cut short; a smaller one means bytes after the RIFF chunk that no WAV reader agrees on (appended tags,
     * a concatenation, a writer bug). Only the pad byte after an odd-sized last chunk may go uncounted, a
     * common writer slip. Pipe writers that cannot seek back (espeak-ng --stdout) are read with
     * {@link #parseStreamed}, which skips this check.
     */
    private static void checkRiffSize(long riffSize, long size, String name) {
        long announced = riffSize + 8;
        if (announced == size || (announced + 1 == size && (riffSize & 1) == 1)) {
            return;
        }
        if (announced > size) {
            throw new WavFormatException(name + ": truncated: the RIFF header announces " + announced
                    + " bytes, the file holds " + size);
        }
        throw new WavFormatException(name + ": the RIFF header announces " + announced + " bytes, but the file holds "
                + size + " (" + (size - announced) + " bytes after the RIFF chunk); rewrite it with: sox "
                + ShellQuote.quote(name) + " " + ShellQuote.quote(stemOf(name) + "_fixed.wav"));
    }

    private static Fmt parseFmt(byte[] b, long chunkSize, String name) {
        if (chunkSize < 16) {
            throw new WavFormatException(name + ": 'fmt ' chunk is " + chunkSize + " bytes, expected at least 16");
        }
        ByteBuffer f = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int code = Short.toUnsignedInt(f.getShort(0));
        int channels = Short.toUnsignedInt(f.getShort(2));
        long sampleRate = f.getInt(4) & 0xFFFFFFFFL;
        int blockAlign = Short.toUnsignedInt(f.getShort(12));
        int bits = Short.toUnsignedInt(f.getShort(14));
        if (code == FORMAT_EXTENSIBLE) {
            if (chunkSize < 40) {
                throw new WavFormatException(name + ": WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + chunkSize
                        + " bytes, expected 40");
            }
            byte[] tail = java.util.Arrays.copyOfRange(b, 26, 40);
            if (!java.util.Arrays.equals(tail, SUBTYPE_GUID_TAIL)) {
                throw new WavFormatException(name + ": WAVE_FORMAT_EXTENSIBLE with an unknown subformat GUID, expected PCM");
            }
            code = Short.toUnsignedInt(f.getShort(24));
        }
        if (code == FORMAT_IEEE_FLOAT) {
            throw new WavFormatException(name + ": floating-point samples (format code 0x0003), expected 16-bit PCM"
                    + " (convert with: sox " + ShellQuote.quote(name) + " -b 16 -e signed-integer out.wav)");
        }
        if (code != FORMAT_PCM) {
            throw new WavFormatException(name + ": compressed format (code " + String.format("0x%04X", code)
                    + formatName(code) + "), expected PCM");
        }
        if (channels == 0) {
            throw new WavFormatException(name + ": the 'fmt ' chunk announces 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new WavFormatException(name + ": sample rate is " + sampleRate + " Hz, which is not usable");
        }
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new WavFormatException(name + ": " + bits + "-bit samples, expected 16-bit PCM (8, 16, 24 and 32-bit are readable)");
        }
        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign) {
            throw new WavFormatException(name + ": block align is " + blockAlign + " bytes, expected " + expectedAlign
                    + " for " + channels + " channel(s) of " + bits + "-bit samples (corrupt header)");
        }
        return new Fmt(channels, (int) sampleRate, bits);
    }

    private static String formatName(int code) {
        switch (code) {
            case 0x0002: return ", Microsoft ADPCM";
            case 0x0006: return ", A-law";
            case 0x0007: return ", µ-law";
            case 0x0011: return ", IMA ADPCM";
            case 0x0031: return ", GSM 6.10";
            case 0x0050: return ", MPEG";
            case 0x0055: return ", MP3";
            default: return "";
        }
    }

    private static String fourCc(byte[] b, int off) {
        if (b.length < off + 4) {
            return new String(b, Math.min(off, b.length), Math.max(0, b.length - off), StandardCharsets.ISO_8859_1);
        }
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String id) {
        StringBuilder sb = new StringBuilder();
        for (char c : id.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }

    private static byte[] readAllBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw ioProblem(path, e);
        }
    }

    private static RuntimeException ioProblem(Path path, IOException e) {
        String problem = io.pqkmcu.model.util.PathProblems.notAFile(path);
        if (Files.isDirectory(path)) {
            return new WavFormatException(path + ": is a directory, not a WAV file");
        }
        if (problem != null) {
            return new WavFormatException(path + ": " + problem);
        }
        if (e instanceof AccessDeniedException) {
            return new WavFormatException(path + ": permission denied");
        }
        return new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }

    // ---------------------------------------------------------------- writing

    /** Writes mono 16-bit PCM atomically: a reader never sees a half-written file. */
    public static void write(Path path, short[] samples, int sampleRate) {
        AtomicFiles.write(path, toBytes(samples, sampleRate));
    }

    /** The canonical 44-byte-header encoding of mono 16-bit PCM. */
    public static byte[] toBytes(short[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        long dataBytes = 2L * samples.length;
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IllegalArgumentException(samples.length + " samples do not fit in a WAV file");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) FORMAT_PCM).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
