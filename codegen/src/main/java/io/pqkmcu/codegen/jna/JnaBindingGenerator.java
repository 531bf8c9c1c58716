package io.pqkmcu.codegen.jna;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.BlockComment;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Generates the JNA binding of a model's C API as a JavaParser AST: an interface extending
 * {@code com.sun.jna.Library} with the model's constants (sizes, quantization, labels), its entry
 * points ({@code pqk_model_invoke}, {@code pqk_model_arena_size}, and {@code pqk_model_classify} when
 * the model has a front end) and a static {@code load(Path)}. Members are sorted (fields by name, then
 * methods by name) and each carries {@code @Generated} naming this class, so output is deterministic.
 */
public final class JnaBindingGenerator {
    public static final String GENERATOR = JnaBindingGenerator.class.getName();

    private JnaBindingGenerator() {}

    /**
     * @param headerText the generated-file comment (generator version, model, checksum)
     * @return the Java source of {@code pkg.typeName}
     */
    public static String generate(String pkg, String typeName, ModelApi api, String headerText) {
        CompilationUnit cu = new CompilationUnit(pkg);
        cu.setComment(new BlockComment(" " + headerText + " "));
        cu.addImport("com.sun.jna.Library");
        cu.addImport("com.sun.jna.Native");
        cu.addImport("java.nio.file.Path");
        cu.addImport("java.util.List");
        cu.addImport("javax.annotation.processing.Generated");
        ClassOrInterfaceDeclaration iface = cu.addInterface(typeName);
        iface.addExtendedType("Library");
        iface.setJavadocComment("JNA binding of model '" + javadocSafe(api.modelName()) + "' (CRC-32C " + api.checksum()
                + "), the C API of model.h in the shared library {@code make host} builds.\n"
                + "Methods return a pqk_status: 0 = ok, -1 = bad argument, -2 = scratch too small.");
        iface.addSingleMemberAnnotation("Generated", new StringLiteralExpr(GENERATOR));

        List<FieldDeclaration> fields = new ArrayList<>();
        fields.add(field("String", "MODEL_NAME", string(api.modelName()), "Name of the model this binding was generated from."));
        fields.add(field("String", "MODEL_CHECKSUM", string(api.checksum()), "CRC-32C of the model (ModelFile.checksum)."));
        fields.add(field("int", "INPUT_HEIGHT", integer(api.input().height()), "Input height (NHWC, batch 1)."));
        fields.add(field("int", "INPUT_WIDTH", integer(api.input().width()), "Input width."));
        fields.add(field("int", "INPUT_CHANNELS", integer(api.input().channels()), "Input channels."));
        fields.add(field("int", "INPUT_SIZE", integer(api.input().size()), "int8 values per input."));
        fields.add(field("double", "INPUT_SCALE", real(api.input().scale()), "Input quantization: real = scale * (q - zero point)."));
        fields.add(field("int", "INPUT_ZERO_POINT", integer(api.input().zeroPoint()), "Input zero point."));
        fields.add(field("int", "OUTPUT_SIZE", integer(api.output().size()), "int8 logits per output."));
        fields.add(field("double", "OUTPUT_SCALE", real(api.output().scale()), "Output quantization scale."));
        fields.add(field("int", "OUTPUT_ZERO_POINT", integer(api.output().zeroPoint()), "Output zero point."));
        fields.add(field("int", "ARENA_SIZE", integer(api.arenaSize()), "Bytes of the model's static arena."));
        List<Expression> labels = new ArrayList<>();
        for (String l : api.labels()) {
            labels.add(string(l));
        }
        fields.add(field("List<String>", "LABELS",
                new MethodCallExpr(new NameExpr("List"), "of", new NodeList<>(labels)), "Class labels in output order."));
        if (api.hasFrontEnd()) {
            fields.add(field("int", "AUDIO_SAMPLES", integer(api.audio().samples()), "int16 samples per audio clip."));
            fields.add(field("int", "SAMPLE_RATE", integer(api.audio().sampleRate()), "Audio sample rate in Hz."));
        }
        fields.sort(Comparator.comparing(f -> f.getVariable(0).getNameAsString()));

        List<MethodDeclaration> methods = new ArrayList<>();
        methods.add(nativeMethod("pqk_model_invoke", "Runs the model: input[INPUT_SIZE] to output[OUTPUT_SIZE].",
                "byte[]", "input", "byte[]", "output"));
        methods.add(nativeMethod("pqk_model_arena_size", "Bytes of the static arena (ARENA_SIZE)."));
        if (api.hasFrontEnd()) {
            methods.add(nativeMethod("pqk_model_classify",
                    "Front end and model: audio[AUDIO_SAMPLES] to logits[OUTPUT_SIZE].", "short[]", "audio", "byte[]", "logits"));
            methods.add(nativeMethod("pqk_model_features",
                    "Front end only: audio[AUDIO_SAMPLES] to the int8 model input features[INPUT_SIZE].", "short[]", "audio",
                    "byte[]", "features"));
        }
        methods.add(loadMethod(typeName));
        methods.sort(Comparator.comparing(MethodDeclaration::getNameAsString));

        for (BodyDeclaration<?> member : fields) {
            iface.addMember(member);
        }
        for (BodyDeclaration<?> member : methods) {
            iface.addMember(member);
        }
        return cu.toString();
    }

    private static FieldDeclaration field(String type, String name, Expression init, String doc) {
        FieldDeclaration f = new FieldDeclaration();
        f.addVariable(new com.github.javaparser.ast.body.VariableDeclarator(
                com.github.javaparser.StaticJavaParser.parseType(type), name, init));
        f.setJavadocComment(doc);
        f.addSingleMemberAnnotation("Generated", new StringLiteralExpr(GENERATOR));
        return f;
    }

    private static MethodDeclaration nativeMethod(String name, String doc, String... typeAndName) {
        MethodDeclaration m = new MethodDeclaration();
        m.setName(name);
        m.setType("int");
        for (int i = 0; i < typeAndName.length; i += 2) {
            m.addParameter(typeAndName[i], typeAndName[i + 1]);
        }
        m.removeBody();
        m.setJavadocComment(doc);
        m.addSingleMemberAnnotation("Generated", new StringLiteralExpr(GENERATOR));
        return m;
    }

    /** {@code static T load(Path so) { return Native.load(so.toAbsolutePath().toString(), T.class); }} */
    private static MethodDeclaration loadMethod(String typeName) {
        MethodDeclaration m = new MethodDeclaration();
        m.setName("load");
        m.addModifier(Modifier.Keyword.STATIC);
        m.setType(typeName);
        m.addParameter("Path", "so");
        Expression path = new MethodCallExpr(new MethodCallExpr(new NameExpr("so"), "toAbsolutePath"), "toString");
        Expression load = new MethodCallExpr(new NameExpr("Native"), "load",
                new NodeList<>(path, new ClassExpr(new ClassOrInterfaceType(null, typeName))));
        m.setBody(new BlockStmt(new NodeList<>(new ReturnStmt(load))));
        m.setJavadocComment("Loads the model's shared library (build/host/libpqkmodel.so) from an explicit path.");
        m.addSingleMemberAnnotation("Generated", new StringLiteralExpr(GENERATOR));
        return m;
    }

    private static Expression integer(int v) {
        if (v < 0) {
            return new UnaryExpr(new IntegerLiteralExpr(Long.toString(-(long) v)), UnaryExpr.Operator.MINUS);
        }
        return new IntegerLiteralExpr(Integer.toString(v));
    }

    private static Expression real(double v) {
        return new DoubleLiteralExpr(Double.toString(v));
    }

    /** A Java string literal; the argument is raw text, escaped here. */
    private static StringLiteralExpr string(String raw) {
        StringBuilder sb = new StringBuilder();
        for (char ch : raw.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                // octal: a unicode escape of a line break would end the literal before lexing
                sb.append(String.format(Locale.ROOT, "\\%03o", (int) ch));
            } else if (ch > 0x7e) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return new StringLiteralExpr(sb.toString());
    }

    private static String javadocSafe(String s) {
        return s.replace("*/", "* /").replace("@", "{@literal @}");
    }
}
