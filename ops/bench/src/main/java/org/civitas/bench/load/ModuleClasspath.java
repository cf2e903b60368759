package org.civitas.bench.load;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service module's runtime classpath as its build leaves it ({@code target/<module>-*.jar} and {@code target/lib}),
 * the way {@code ops/bin/civitas} starts it: a load client's own classpath would carry every service's beans into
 * one Micronaut context.
 */
public final class ModuleClasspath {

    private ModuleClasspath() { }

    /** @param module the module's directory under the project root, e.g. {@code identity-service} */
    public static String of(String module) throws IOException {
        Path target = Path.of(module, "target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException("build " + module + " first (mvn -B package -DskipTests -pl " + module + " -am)");
        }
        try (var jars = Files.list(target)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("build " + module + " first (mvn package)"));
            return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        }
    }
}
