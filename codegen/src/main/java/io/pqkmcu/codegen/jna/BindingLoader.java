package io.pqkmcu.codegen.jna;

import com.sun.jna.Native;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles a generated JNA binding (java/.../XModel.java) at run time with {@code javax.tools} and
 * loads it, so tools and tests can call a freshly built model library without a build step. Needs a
 * JDK (not a bare JRE).
 */
public final class BindingLoader implements AutoCloseable {
    private final URLClassLoader loader;
    private final Class<?> binding;

    private BindingLoader(URLClassLoader loader, Class<?> binding) {
        this.loader = loader;
        this.binding = binding;
    }

    /**
     * @param source     the generated .java file
     * @param className  its fully qualified interface name
     * @param classesDir an empty directory for the compiled classes
     */
    public static BindingLoader compile(Path source, String className, Path classesDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run pqk on a JDK to load generated bindings");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Files.createDirectories(classesDir);
            List<String> options = List.of("-classpath", jnaJar().toString(), "-d", classesDir.toString(),
                    "--release", "17", "-Xlint:all", "-Werror");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source.toFile()))
                    .call();
            if (!ok) {
                StringBuilder sb = new StringBuilder("generated binding " + source + " does not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    sb.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                }
                throw new IllegalStateException(sb.toString());
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {classesDir.toUri().toURL()},
                    BindingLoader.class.getClassLoader());
            return new BindingLoader(loader, Class.forName(className, true, loader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled binding has no class " + className, e);
        }
    }

    /** The binding interface. */
    public Class<?> bindingClass() {
        return binding;
    }

    /** Calls the binding's static {@code load(Path)} and returns the library proxy. */
    public Object load(Path sharedLibrary) {
        return call(null, "load", new Class<?>[] {Path.class}, sharedLibrary);
    }

    /** Calls a method of the binding (or of the library proxy) by name. */
    public Object call(Object target, String method, Class<?>[] types, Object... args) {
        try {
            return binding.getMethod(method, types).invoke(target, args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("binding " + binding.getName() + " has no usable " + method, e);
        }
    }

    /** A constant of the binding interface. */
    public Object constant(String name) {
        try {
            return binding.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("binding " + binding.getName() + " has no constant " + name, e);
        }
    }

    private static Path jnaJar() {
        try {
            return Path.of(Native.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the JNA jar", e);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
