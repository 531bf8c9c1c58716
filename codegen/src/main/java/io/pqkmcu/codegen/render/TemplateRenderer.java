package io.pqkmcu.codegen.render;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the FreeMarker templates of {@code runtime-c-templates}. One static, thread-safe
 * {@link Configuration} (as MapStruct's ModelWriter does); templates only lay out text, the models
 * passed in hold every computed value.
 */
public final class TemplateRenderer {
    /** Classpath folder holding the {@code .ftl} files. */
    public static final String TEMPLATE_ROOT = "/io/pqkmcu/runtime/templates";

    private static final Configuration CONFIG = createConfiguration();

    private TemplateRenderer() {}

    private static Configuration createConfiguration() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(TemplateRenderer.class, TEMPLATE_ROOT);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        // Numbers must print as plain C literals: no grouping separators, no locale.
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }

    /** Renders {@code templateName} (relative to {@link #TEMPLATE_ROOT}) with the given data model. */
    public static String render(String templateName, Map<String, ?> model) {
        try {
            Template t = CONFIG.getTemplate(templateName);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load template " + templateName + ": " + e.getMessage(), e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + templateName + " failed: " + e.getMessage(), e);
        }
    }
}
