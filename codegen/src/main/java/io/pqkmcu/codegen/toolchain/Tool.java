package io.pqkmcu.codegen.toolchain;

import java.io.File;
import java.util.Optional;

/** External programs pqk drives, with the Debian packages that provide them. */
public enum Tool {
    GCC("gcc", "apt-get install -y gcc"),
    MAKE("make", "apt-get install -y make"),
    ARM_GCC("arm-none-eabi-gcc", "apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi"),
    ARM_SIZE("arm-none-eabi-size", "apt-get install -y binutils-arm-none-eabi"),
    ARM_OBJCOPY("arm-none-eabi-objcopy", "apt-get install -y binutils-arm-none-eabi"),
    QEMU_ARM("qemu-system-arm", "apt-get install -y qemu-system-arm"),
    ESPEAK_NG("espeak-ng", "apt-get install -y espeak-ng"),
    RENODE_TEST("renode-test", "the Renode package from https://github.com/renode/renode/releases (Renode is in no "
            + "Debian or Maven registry), plus Robot Framework 6.1 (pip install robotframework==6.1)"),
    PYOCD("pyocd", "pipx install pyocd (Debian's python3-pyocd 0.13 predates the flash command)"),
    OPENOCD("openocd", "apt-get install -y openocd");

    public final String command;
    public final String installHint;

    Tool(String command, String installHint) {
        this.command = command;
        this.installHint = installHint;
    }

    /** The program's path if it is on PATH. */
    public Optional<String> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, command);
            if (f.isFile() && f.canExecute()) {
                return Optional.of(f.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    public boolean isInstalled() {
        return find().isPresent();
    }

    /** The program's path, or a {@link ToolMissingException} that says how to install it. */
    public String require() {
        return find().orElseThrow(() -> new ToolMissingException(command, installHint));
    }
}
